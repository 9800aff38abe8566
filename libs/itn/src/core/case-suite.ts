import { ItnLanguage, ItnOptions } from './grammar';

/** One row of the anchors' case files (`class, spoken, written, source`). */
export interface ItnCase {
  cls: string;
  spoken: string;
  written: string;
  source: string;
  /** First anchor named in `source`: wetext, nemo or funasr. */
  anchor: string;
  /** Flags a row asserts (`wetext[standalone=off,0to9=on]:…`), as options. */
  flags: ItnOptions;
}

export function parseCaseFile(text: string): ItnCase[] {
  const rows: ItnCase[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('class\t')) continue;
    const [cls, spoken = '', written = '', source = ''] = line.split('\t');
    const anchor = source.split(/[[:]/)[0];
    rows.push({ cls, spoken, written, source, anchor, flags: flagsOf(source) });
  }
  return rows;
}

function flagsOf(source: string): ItnOptions {
  const m = /\[standalone=(on|off),0to9=(on|off)\]/.exec(source);
  if (m) return { enableStandaloneNumber: m[1] === 'on', enable0To9: m[2] === 'on' };
  const f = /normalizer_(enable|disable)_standalone_number(?:_(enable|disable)_0_to_9)?/.exec(source);
  if (f) return { enableStandaloneNumber: f[1] === 'enable', enable0To9: f[2] ? f[2] === 'enable' : true };
  return {};
}

/** The suite's comparison: NFC, white space collapsed, trimmed; nothing else. */
export function canonical(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The written convention a row was produced under: each anchor's rows are scored in its own style. */
export function styleForAnchor(lang: ItnLanguage, anchor: string): ItnOptions['style'] {
  if ((lang === 'zh' || lang === 'ja') && anchor === 'nemo') return 'nemo';
  return 'wetext';
}

export interface ClassScore {
  total: number;
  ok: number;
}

export function tally(results: Array<{ cls: string; ok: boolean }>): Map<string, ClassScore> {
  const by = new Map<string, ClassScore>();
  for (const r of results) {
    const c = by.get(r.cls) ?? { total: 0, ok: 0 };
    c.total++;
    if (r.ok) c.ok++;
    by.set(r.cls, c);
  }
  return by;
}
