import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
  canonical,
  ITN_LANGUAGES,
  ItnCase,
  ItnLanguage,
  normalize,
  parseCaseFile,
  registeredLanguages,
  styleForAnchor,
  tally,
} from '@earshot/itn';

/**
 * Runs every dev case of the anchors' suite (../shared/data/itn) through the engine, prints per-language and
 * per-class accuracy, and holds each registered language to its goal. Each anchor's rows are scored under that
 * anchor's written style (WeTextProcessing vs NeMo conventions conflict: 一千 → 1000 / 1,000); FunASR's ja rows
 * are reported apart and not gated (see itn-anchors.md §6: they are a stored tool output, not curated gold).
 * It also scores every row (FunASR's included) with DEFAULT options, as batch checks run `earshot itn --lang xx`
 * with no flags: the house style, which takes each class's convention from the anchor with more rows.
 */
const DATA = resolve(process.env.EARSHOT_SHARED_DATA ?? resolve(__dirname, '../../shared/data'), 'itn');
const GOALS: Record<ItnLanguage, number> = { zh: 0.98, en: 0.98, ja: 0.95, ko: 0.95 };
const OPTION_GOAL = 0.95;
/** Default-style floors: what the house style reaches on every row (docs/itn.md), minus a little. */
const DEFAULT_FLOORS: Record<ItnLanguage, number> = { zh: 0.91, en: 0.98, ja: 0.875, ko: 0.98 };
const SPOKEN_NUMERAL = /[零〇一二三四五六七八九十百千万萬亿億兆两兩幺]/;

interface Outcome {
  row: ItnCase;
  got: string;
  ok: boolean;
}

function run(lang: ItnLanguage, rows: ItnCase[]): Outcome[] {
  return rows.map((row) => {
    const got = normalize(row.spoken, lang, { ...row.flags, style: styleForAnchor(lang, row.anchor) }).text;
    return { row, got, ok: canonical(got) === canonical(row.written) };
  });
}

/** Every row with default options and no flags: exactly what `earshot itn --lang <lang>` writes. */
function runDefaults(lang: ItnLanguage, rows: ItnCase[]): Outcome[] {
  return rows.map((row) => {
    const got = normalize(row.spoken, lang).text;
    return { row, got, ok: canonical(got) === canonical(row.written) };
  });
}

function table(title: string, outcomes: Outcome[], byAnchor = false): string {
  const lines = [title];
  const by = tally(
    outcomes.map((o) => ({ cls: byAnchor ? `${o.row.cls} ${o.row.anchor}` : o.row.cls, ok: o.ok })),
  );
  for (const [cls, s] of [...by.entries()].sort()) {
    lines.push(
      `  ${cls.padEnd(14)} ${String(s.ok).padStart(4)}/${String(s.total).padEnd(4)} ${((100 * s.ok) / s.total).toFixed(1)}%`,
    );
  }
  const ok = outcomes.filter((o) => o.ok).length;
  lines.push(
    `  ${'TOTAL'.padEnd(14)} ${String(ok).padStart(4)}/${String(outcomes.length).padEnd(4)} ${((100 * ok) / Math.max(1, outcomes.length)).toFixed(2)}%`,
  );
  for (const o of outcomes.filter((x) => !x.ok)) {
    lines.push(`  FAIL ${o.row.cls} [${o.row.anchor}] ${o.row.spoken} => ${o.got} (want ${o.row.written})`);
  }
  return lines.join('\n');
}

const registered = new Set(registeredLanguages());

describe('ITN dev cases (all languages)', () => {
  for (const lang of ITN_LANGUAGES) {
    const file = resolve(DATA, `${lang}.tsv`);
    if (!registered.has(lang)) {
      it.skip(`${lang}: NO GRAMMAR REGISTERED — dev cases skipped`, () => undefined);

      console.warn(`ITN dev cases: no grammar registered for "${lang}"; its ${file} rows are SKIPPED`);
      continue;
    }

    it(`${lang}: meets the dev-case goal (${GOALS[lang] * 100} % exact)`, () => {
      const rows = parseCaseFile(readFileSync(file, 'utf8'));
      const outcomes = run(lang, rows);
      const gated = outcomes.filter((o) => o.row.anchor !== 'funasr');
      const funasr = outcomes.filter((o) => o.row.anchor === 'funasr');
      let report = table(`ITN ${lang} dev cases (each anchor in its own style)`, gated);
      if (funasr.length > 0) report += '\n' + table(`ITN ${lang} FunASR rows (reported, not gated)`, funasr);
      console.log(report);
      const accuracy = gated.filter((o) => o.ok).length / gated.length;
      expect(accuracy).toBeGreaterThanOrEqual(GOALS[lang]);
    });

    it(`${lang}: default options (house style) reach ${DEFAULT_FLOORS[lang] * 100} % on every row`, () => {
      const rows = parseCaseFile(readFileSync(file, 'utf8'));
      const outcomes = runDefaults(lang, rows);
      // Per class and anchor: where the anchors conflict, the house style scores the larger side.
      console.log(
        table(
          `ITN ${lang} dev cases, DEFAULT options (what \`earshot itn --lang ${lang}\` writes)`,
          outcomes,
          true,
        ),
      );
      expect(outcomes.filter((o) => o.ok).length / outcomes.length).toBeGreaterThanOrEqual(
        DEFAULT_FLOORS[lang],
      );
    });

    if (lang === 'zh' || lang === 'ja') {
      it(`${lang}: option files pass under their flags`, () => {
        const rows = parseCaseFile(readFileSync(resolve(DATA, 'options', `${lang}.tsv`), 'utf8'));
        const outcomes = run(lang, rows);

        console.log(table(`ITN ${lang} option files (flags from the source column)`, outcomes));
        expect(outcomes.filter((o) => o.ok).length / outcomes.length).toBeGreaterThanOrEqual(OPTION_GOAL);
        // The same flags with the default (house) style, as `earshot itn --lang xx --enable-…` runs them.
        const house = rows.map((row) => {
          const got = normalize(row.spoken, lang, row.flags).text;
          return { row, got, ok: canonical(got) === canonical(row.written) };
        });
        console.log(table(`ITN ${lang} option files, flags with the default style`, house));
        expect(house.filter((o) => o.ok).length / house.length).toBeGreaterThanOrEqual(OPTION_GOAL);
      });

      it(`${lang}: written forms come back unchanged (idempotence)`, () => {
        const rows = parseCaseFile(readFileSync(file, 'utf8')).filter((r) => !SPOKEN_NUMERAL.test(r.written));
        // Under the row's own anchor style and under the default (house) style.
        const changed = rows
          .flatMap((r) => [
            { r, got: normalize(r.written, lang, { style: styleForAnchor(lang, r.anchor) }).text },
            { r, got: normalize(r.written, lang).text },
          ])
          .filter(({ r, got }) => got !== r.written)
          .map(({ r, got }) => `${r.written} => ${got}`);
        expect(changed).toEqual([]);
      });
    }
  }
});
