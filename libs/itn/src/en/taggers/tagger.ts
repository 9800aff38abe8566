import { Tok } from '../en-tokens';

/** A tagger's verdict at token `i`: tokens [i, end) become `text`. */
export interface Match {
  end: number;
  text: string;
}

export type Tagger = (toks: readonly Tok[], i: number) => Match | null;

/** Longest span any class may claim; bounds the work per start position on hostile input. */
export const MAX_SPAN = 64;
