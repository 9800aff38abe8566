import { Tok } from '../en-tokens';
import { DIGITS, wordAt } from '../en-numbers';
import { Match } from './tagger';

const SYMBOLS: Readonly<Record<string, string>> = {
  dot: '.', dash: '-', hyphen: '-', underscore: '_', slash: '/',
};
const MAX_ITEMS = 48;
/** Mail servers said in two parts; written in lower case whatever the speaker's case. */
const SERVER_NAMES: Readonly<Record<string, string>> = {
  'n vidia': 'nvidia', 'g mail': 'gmail', 'hot mail': 'hotmail', 'out look': 'outlook', 'i cloud': 'icloud',
};
/** Longest spelled username or host before the first "at"/"dot". */
const MAX_USER = 24;

interface Item {
  kind: 'sym' | 'char' | 'word' | 'at';
  text: string;
  end: number;
}

function isLetters(t: Tok): boolean {
  return /^\p{L}+$/u.test(t.text);
}

/** Spelled letters: "h t t p" or "w w w" (any case), or the word itself. */
function spelled(toks: readonly Tok[], j: number, word: string): number {
  if (wordAt(toks, j) === word) return j + 1;
  for (let k = 0; k < word.length; k++) if (wordAt(toks, j + k) !== word[k]) return -1;
  return j + word.length;
}

function parseProtocol(toks: readonly Tok[], j: number): { text: string; end: number } | null {
  for (const p of ['https', 'http']) {
    const e = spelled(toks, j, p);
    if (e < 0) continue;
    if (wordAt(toks, e) === 'colon' && wordAt(toks, e + 1) === 'slash' && wordAt(toks, e + 2) === 'slash') {
      return { text: p + '://', end: e + 3 };
    }
  }
  return null;
}

function parseWww(toks: readonly Tok[], j: number): number {
  const e = spelled(toks, j, 'www');
  if (e < 0) return -1;
  if (wordAt(toks, e) === 'dot') return e + 1;
  // "W W W. A B C" (a spoken pause after the dot); "www.example" glued is already written form.
  if (toks[e] && toks[e].text === '.' && toks[e + 1] && toks[e + 1].spaced) return e + 1;
  return -1;
}

// Scans run left to right over one line, so the next "at"/symbol word found from j also serves j+1…
let scanToks: readonly Tok[] | null = null;
let scanFrom = 0;
let scanHit = 0;

/** Index of the first non-word, "at" or symbol word at or after j (toks.length if none). */
function nextJoinerOrStop(toks: readonly Tok[], j: number): number {
  if (toks === scanToks && j >= scanFrom && j <= scanHit) return scanHit;
  let k = j;
  while (k < toks.length && toks[k].isWord && toks[k].lower !== 'at' && !(toks[k].lower in SYMBOLS)) k++;
  scanToks = toks;
  scanFrom = j;
  scanHit = k;
  return k;
}

/** Cheap look-ahead before building items: an address needs an "at" or a symbol word. */
function hasJoiner(toks: readonly Tok[], j: number): boolean {
  const k = nextJoinerOrStop(toks, j);
  return k > j && k < toks.length && toks[k].isWord && k - j < MAX_USER;
}

function itemOf(t: Tok, k: number): Item | null {
  if (!t.isWord) return null;
  if (t.lower in SYMBOLS) return { kind: 'sym', text: SYMBOLS[t.lower], end: k + 1 };
  if (t.lower === 'at') return { kind: 'at', text: '@', end: k + 1 };
  if (t.lower in DIGITS) return { kind: 'char', text: String(DIGITS[t.lower]), end: k + 1 };
  if (t.lower === 'zero') return { kind: 'char', text: '0', end: k + 1 };
  if (isLetters(t)) return { kind: t.text.length === 1 ? 'char' : 'word', text: t.text, end: k + 1 };
  return null;
}

/** Items up to the first point past which no address can continue (see longestPart). */
function collectItems(toks: readonly Tok[], j: number): Item[] {
  const items: Item[] = [];
  let ats = 0;
  for (let k = j; items.length < MAX_ITEMS && k < toks.length; k++) {
    const server = SERVER_NAMES[wordAt(toks, k) + ' ' + wordAt(toks, k + 1)];
    const it = server ? { kind: 'word' as const, text: server, end: k + 2 } : itemOf(toks[k], k);
    if (!it) break;
    if (server) k++;
    const prev = items[items.length - 1];
    if (prev && prev.kind === 'sym' && it.kind === 'sym') break;
    if (prev && prev.kind === 'word' && it.kind !== 'sym' && it.kind !== 'at') break;
    if (it.kind === 'at' && ++ats > 1) break;
    items.push(it);
  }
  return items;
}

/**
 * Longest prefix of items[from..) that is a dotted host or path: no leading, trailing or doubled symbol,
 * no spoken word directly followed by another item ("visit w w w …" must not swallow "visit"), ending
 * where the next item is not a symbol or "at". Returns the exclusive end index, or -1. One forward pass.
 */
function longestPart(items: Item[], from: number, needSymbol: boolean, limit = items.length): number {
  if (from >= items.length || items[from].kind !== 'char' && items[from].kind !== 'word') return -1;
  let best = -1;
  let sym = false;
  for (let k = from; k < limit; k++) {
    const it = items[k];
    if (it.kind === 'at') break;
    if (it.kind === 'sym') {
      if (items[k - 1].kind === 'sym') break;
      sym = true;
      continue;
    }
    if (k > from && items[k - 1].kind === 'word') break;
    const next = k + 1 < limit ? items[k + 1] : undefined;
    if ((sym || !needSymbol) && (!next || (next.kind !== 'sym' && next.kind !== 'at'))) best = k + 1;
  }
  return best;
}

function join(items: Item[], from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += items[k].text;
  return s;
}

/** Emails and URLs: "a dot b c at g mail dot com" → "a.bc@gmail.com". */
export function electronicTagger(toks: readonly Tok[], i: number): Match | null {
  let prefix = '';
  let k = i;
  const protocol = parseProtocol(toks, k);
  if (protocol) {
    prefix = protocol.text;
    k = protocol.end;
  }
  const www = parseWww(toks, k);
  if (www >= 0) {
    prefix += 'www.';
    k = www;
  }
  if (!prefix && !hasJoiner(toks, k)) return null;
  const items = collectItems(toks, k);
  const at = items.findIndex((it) => it.kind === 'at');
  if (at > 0 && !prefix) {
    const userEnd = at === 1 ? 1 : longestPart(items, 0, false, at);
    const domainEnd = userEnd === at ? longestPart(items, at + 1, true) : -1;
    if (domainEnd > 0) {
      return { end: items[domainEnd - 1].end, text: join(items, 0, at) + '@' + join(items, at + 1, domainEnd) };
    }
  }
  const end = longestPart(items, 0, !prefix);
  if (end > 0 && (prefix || end >= 3)) return { end: items[end - 1].end, text: prefix + join(items, 0, end) };
  return null;
}
