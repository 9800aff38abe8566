import { ItnOptions } from '../core/grammar';

export type Anchor = 'wetext' | 'nemo';

/**
 * Which anchor's written convention each ja sub-convention follows. `house` takes, per class, the anchor with
 * more ja dev rows (docs/itn.md): WeTextProcessing's numbers (35 cardinal rows vs NeMo's 17: 2000億1000万, no
 * commas), NeMo's dates (17 rows vs 8: 5〜9日, 3月1日(水)).
 */
export interface JaConventions {
  /** 1兆320万 (wetext) or 1,000,000,000,000 (nemo), in cardinals, counters and ranks. */
  numbers: Anchor;
  /**
   * Range mark: `~` everywhere but inside a full date (wetext: 7月5〜9日), `〜` everywhere (nemo), or `dates`:
   * `〜` when the range names a month, day or decade (3〜4月, 5〜9日, 70〜80年代), `~` otherwise (6~7, 7~8年).
   */
  rangeMark: Anchor | 'dates';
  /**
   * 3月1日水曜日 → 3月1日(水) (nemo) or kept (wetext); `unlessRange`: as NeMo, but a weekday that starts a
   * range (月曜日から金曜日) is a span of weekdays, not the day's own, and stays.
   */
  weekdayInParens: Anchor | 'unlessRange';
}

const WETEXT: JaConventions = { numbers: 'wetext', rangeMark: 'wetext', weekdayInParens: 'wetext' };
const NEMO: JaConventions = { numbers: 'nemo', rangeMark: 'nemo', weekdayInParens: 'nemo' };
const HOUSE: JaConventions = { numbers: 'wetext', rangeMark: 'dates', weekdayInParens: 'unlessRange' };

export function jaConventions(opts: ItnOptions | undefined): JaConventions {
  const style = opts?.style ?? 'house';
  return style === 'nemo' ? NEMO : style === 'wetext' ? WETEXT : HOUSE;
}
