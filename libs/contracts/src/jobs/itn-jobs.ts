/**
 * `earshot.itn.v1`: spoken-form text to written form, with the span map that carries token timestamps over.
 * Kept free of the ITN library's types so producers need only the contracts.
 */
export type ItnJobLanguage = 'zh' | 'en' | 'ja' | 'ko';

export interface ItnJobOptions {
  /** WeTextProcessing `enable_0_to_9` (default true): convert standalone single digits. */
  enable0To9?: boolean;
  /** WeTextProcessing `enable_standalone_number` (default true): convert numbers without a unit. */
  enableStandaloneNumber?: boolean;
  /** Written conventions where anchors disagree (zh, ja): 'house' (default), 'wetext' or 'nemo'. */
  style?: 'house' | 'wetext' | 'nemo';
}

export interface ItnJobData {
  text: string;
  lang: ItnJobLanguage;
  options?: ItnJobOptions;
}

/** Output range [outStart, outEnd) came from input range [inStart, inEnd); spans tile both texts in order. */
export interface ItnJobSpan {
  inStart: number;
  inEnd: number;
  outStart: number;
  outEnd: number;
  rewritten: boolean;
}

export interface ItnJobResult {
  text: string;
  spans: ItnJobSpan[];
}
