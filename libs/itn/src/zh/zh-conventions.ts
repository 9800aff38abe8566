import { ItnOptions } from '../core/grammar';

export type Anchor = 'wetext' | 'nemo';

/**
 * Which anchor's written convention each zh sub-convention follows. `wetext` and `nemo` follow one anchor
 * throughout; `house` takes, per convention, the anchor with more dev rows of that class (docs/itn.md), so a
 * caller with default options gets the convention the anchors' cases mostly agree on.
 */
export interface ZhConventions {
  /** Digit grouping of plain cardinals and decimals (1,000 / 1000) and 万/亿 kept after round multiples. */
  cardinal: Anchor;
  /** Ordinals (第1万 / 第10000). */
  ordinal: Anchor;
  /** Money amounts (¥1万 / ¥10000). */
  moneyAmount: Anchor;
  /** Currency symbols; `both` = NeMo's symbol where NeMo has the currency, else WeTextProcessing's. */
  currency: Anchor | 'both';
  /** Amounts with units and measure words (25kg, 两千万人 → 2000万人); NeMo has no measure class. */
  measure: Anchor;
  /** 一千一百一 = 1110 (WeTextProcessing's abbreviated trailing place) or 1101 (NeMo). */
  abbreviation: Anchor;
  /** NeMo's acronym whitelist (人力资源 → HR). */
  acronyms: boolean;
  /** Date layout: 2008/08/08 (wetext) or 2008年8月8日 (nemo). */
  date: Anchor;
  /** Clock times with minutes: 8:05 (wetext: hour unpadded, 上午/下午 folded into a.m./p.m.) or 05:25 (nemo). */
  clock: Anchor;
  /** 八点五分 (minute below ten said with 分, no 零): a time written NeMo's way (08:05) or a decimal (wetext: 8.5分). */
  smallMinuteWithFen: Anchor;
  /** 六点 / 三点一刻: 6点 and 3点1刻 (nemo) or left alone (wetext). */
  oclockWords: Anchor;
  /** Numbers said back to back (八百一千 → 800 1000 in WeTextProcessing); NeMo has no such rows. */
  numberRuns: Anchor;
  /** Standalone numbers: NeMo leaves those below 20 as words; WeTextProcessing converts them (its flags). */
  standalone: Anchor;
}

const ALL = (a: Anchor): ZhConventions => ({
  cardinal: a,
  ordinal: a,
  moneyAmount: a,
  currency: a,
  measure: a,
  abbreviation: a,
  acronyms: a === 'nemo',
  date: a,
  clock: a,
  smallMinuteWithFen: a,
  oclockWords: a,
  numberRuns: a,
  standalone: a,
});

const WETEXT = ALL('wetext');
const NEMO = ALL('nemo');

/**
 * Per class, the anchor with more zh dev rows: NeMo for cardinal (76 vs 20), ordinal (32), decimal (27),
 * money (28 vs 9), date (21 vs 4), whitelist (12) and clock words (刻, 点 alone; only NeMo has rows);
 * WeTextProcessing for measure, sentence, range, the flags' standalone numbers, and clock layout (5 of its rows
 * need an unpadded hour or 下午 → p.m., 2 of NeMo's a padded hour).
 */
const HOUSE: ZhConventions = {
  cardinal: 'nemo',
  ordinal: 'nemo',
  moneyAmount: 'nemo',
  currency: 'both',
  measure: 'wetext',
  abbreviation: 'wetext',
  acronyms: true,
  date: 'nemo',
  clock: 'wetext',
  smallMinuteWithFen: 'nemo',
  oclockWords: 'nemo',
  numberRuns: 'wetext',
  standalone: 'wetext',
};

export function zhConventions(opts: ItnOptions | undefined): ZhConventions {
  const style = opts?.style ?? 'house';
  return style === 'nemo' ? NEMO : style === 'wetext' ? WETEXT : HOUSE;
}
