export const ITN_LANGUAGES = ['zh', 'en', 'ja', 'ko'] as const;
export type ItnLanguage = (typeof ITN_LANGUAGES)[number];

export interface ItnOptions {
  /** WeTextProcessing `enable_0_to_9`: convert standalone single digits (一 → 1). */
  enable0To9?: boolean;
  /** WeTextProcessing `enable_standalone_number`: convert numbers that stand alone, not only with units. */
  enableStandaloneNumber?: boolean;
  /**
   * Written conventions where the anchors disagree (zh, ja). `house` (default): per class, the convention of the
   * anchor with more dev rows (zh: NeMo's commas, money, dates and acronyms, WeTextProcessing's units, ranges and
   * clock layout: 一万一千 → 11,000, 二零零八年八月八日 → 2008年8月8日, 下午三点半 → 3:30p.m.); `wetext`:
   * WeTextProcessing exactly (2024年03/05, 3:30p.m.); `nemo`: NeMo (digit-group commas, 1798年5月30日, 05:25).
   * Grammars without a choice ignore it.
   */
  style?: ItnStyle;
  /** Delete filler interjections (呃) as WeTextProcessing does; default true. */
  removeInterjections?: boolean;
}

export type ItnStyle = 'house' | 'wetext' | 'nemo';

/** One rewrite found by a grammar: input code units [start, end) become `text`. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * A language's grammar: finds the spoken-form spans to rewrite. Replacements must be sorted and
 * non-overlapping; everything outside them is copied through unchanged (so written text stays as it is).
 */
export interface Grammar {
  readonly lang: ItnLanguage;
  find(input: string, opts: ItnOptions): Replacement[];
}
