/**
 * `npm run bench:itn`: inverse text normalization throughput on one core (Node runs it on one thread).
 * Workloads: every dev case of each registered language ("typical sentences") and long mixed Chinese–English
 * paragraphs. The reference, measured in the same run, is a scan-and-copy pass over the same text (the least any
 * rewriter must do), so the ratio says how much the grammars cost above touching every character. Figures are
 * medians of several runs, from CPU time (the machine may be shared) with wall time alongside. Ends with one JSON line.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { ItnLanguage, normalize, parseCaseFile, registeredLanguages } from '@earshot/itn';

const RUNS = 7;
const DATA = resolve(process.env.EARSHOT_SHARED_DATA ?? resolve(__dirname, '../../../shared/data'), 'itn');
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Timing {
  cpuMs: number;
  wallMs: number;
}

function time(fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(fn: () => void): Timing {
  fn(); // warm-up: JIT and lexicon tables
  const runs = Array.from({ length: RUNS }, () => time(fn));
  return { cpuMs: median(runs.map((r) => r.cpuMs)), wallMs: median(runs.map((r) => r.wallMs)) };
}

/** The reference: read every code unit through a lookup table and copy the text out. */
const TABLE = new Uint8Array(65536);
function scanAndCopy(text: string): string {
  let keep = 0;
  for (let k = 0; k < text.length; k++) keep += TABLE[text.charCodeAt(k)];
  return keep >= 0 ? text.slice(0) : '';
}

function loadSpoken(lang: ItnLanguage): string[] {
  return parseCaseFile(readFileSync(resolve(DATA, `${lang}.tsv`), 'utf8')).map((r) => r.spoken);
}

/** Long mixed text: dev sentences joined with punctuation and English words into ~4 000-character paragraphs. */
function mixedParagraphs(zh: string[]): string[] {
  const english = ['the meeting is at', 'OK', 'see you', 'iPhone', 'twenty five dollars', 'version two'];
  const out: string[] = [];
  let cur = '';
  for (let k = 0; out.length < 50; k++) {
    cur += zh[k % zh.length] + (k % 3 === 0 ? `，${english[k % english.length]} ` : '。');
    if (cur.length >= 4000) {
      out.push(cur);
      cur = '';
    }
  }
  return out;
}

function main(): void {
  const result: Record<string, number | string> = { bench: 'itn' };
  const langs = registeredLanguages();
  for (const lang of langs) {
    let sentences: string[];
    try {
      sentences = loadSpoken(lang);
    } catch {
      log(`${lang}: no dev cases at ${DATA}, skipped`);
      continue;
    }
    const reps = Math.max(1, Math.ceil(20_000 / sentences.length));
    const itn = measure(() => {
      for (let r = 0; r < reps; r++) for (const s of sentences) normalize(s, lang);
    });
    const ref = measure(() => {
      for (let r = 0; r < reps; r++) for (const s of sentences) scanAndCopy(s);
    });
    const n = reps * sentences.length;
    const perSecCpu = Math.round((n / itn.cpuMs) * 1000);
    const perSecWall = Math.round((n / itn.wallMs) * 1000);
    const ratio = itn.cpuMs / Math.max(ref.cpuMs, 1e-3);
    log(
      `${lang}: ${n} dev sentences, ${perSecCpu} sentences/s (CPU time; ${perSecWall}/s wall), ${ratio.toFixed(1)}x the scan-and-copy reference`,
    );
    result[`${lang}_sentences_per_s`] = perSecCpu;
    result[`${lang}_sentences_per_s_wall`] = perSecWall;
    result[`${lang}_ratio_vs_scan`] = Number(ratio.toFixed(2));
  }
  if (langs.includes('zh')) {
    const paragraphs = mixedParagraphs(loadSpoken('zh'));
    const chars = paragraphs.reduce((a, p) => a + p.length, 0);
    const itn = measure(() => {
      for (const p of paragraphs) normalize(p, 'zh');
    });
    const ref = measure(() => {
      for (const p of paragraphs) scanAndCopy(p);
    });
    const charsPerSec = Math.round((chars / itn.cpuMs) * 1000);
    const ratio = itn.cpuMs / Math.max(ref.cpuMs, 1e-3);
    log(
      `zh long mixed text: ${paragraphs.length} paragraphs, ${chars} chars, ${charsPerSec} chars/s (CPU), ${ratio.toFixed(1)}x the reference`,
    );
    result.long_mixed_chars_per_s = charsPerSec;
    result.long_mixed_ratio_vs_scan = Number(ratio.toFixed(2));
  }
  result.runs = RUNS;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`itn bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
