import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Grammar, Replacement } from '../core/grammar';

/**
 * Per-class accuracy of one grammar on the shared dev cases (`itn/<lang>.tsv`), used by the en/ko
 * accuracy specs while iterating. The ITN engine's dev-case test is the official figure.
 */
export interface ClassScore {
  cls: string;
  ok: number;
  total: number;
}

export function applyReplacements(input: string, reps: readonly Replacement[]): string {
  let out = '';
  let pos = 0;
  for (const r of reps) {
    out += input.slice(pos, r.start) + r.text;
    pos = r.end;
  }
  return out + input.slice(pos);
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function devCasesPath(lang: string): string | null {
  const dir = process.env.EARSHOT_SHARED_DATA ?? join(__dirname, '../../../../../shared/data');
  const file = join(dir, 'itn', `${lang}.tsv`);
  return existsSync(file) ? file : null;
}

export function scoreDevCases(grammar: Grammar, file: string): { scores: ClassScore[]; fails: string[] } {
  const rows = readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim());
  const per = new Map<string, ClassScore>();
  const fails: string[] = [];
  for (const row of rows) {
    const [cls, spoken, written] = row.split('\t');
    const got = applyReplacements(spoken, grammar.find(spoken, {}));
    const s = per.get(cls) ?? { cls, ok: 0, total: 0 };
    s.total++;
    if (norm(got) === norm(written)) s.ok++;
    else fails.push(`${cls}\t${spoken}\t=> ${got}\t(want ${written})`);
    per.set(cls, s);
  }
  return { scores: [...per.values()].sort((a, b) => a.cls.localeCompare(b.cls)), fails };
}

export function formatScores(lang: string, scores: ClassScore[]): string {
  const ok = scores.reduce((a, s) => a + s.ok, 0);
  const total = scores.reduce((a, s) => a + s.total, 0);
  const lines = scores.map((s) => `${lang} ${s.cls.padEnd(12)} ${s.ok}/${s.total} ${((100 * s.ok) / s.total).toFixed(1)}%`);
  lines.push(`${lang} TOTAL        ${ok}/${total} ${((100 * ok) / total).toFixed(2)}%`);
  return lines.join('\n');
}
