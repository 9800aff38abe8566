/**
 * A text-script signal for LID from ASR output: which writing systems the letters of the text belong to, mapped to
 * SenseVoice's languages. Cheap (one pass over code points) and only a hint: Latin says "en" because English is the
 * only Latin-script language the suite transcribes, and Han without Kana cannot tell Mandarin from Cantonese beyond
 * a few Cantonese-only characters.
 */
export const SCRIPT_LANGUAGES = ['zh', 'yue', 'ja', 'ko', 'en'] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  /** Han characters only written in Cantonese (嘅, 咗, 喺, ...). */
  cantonese: number;
}

// written-Cantonese particles and words that standard Mandarin text does not use
const CANTONESE = new Set([...'嘅咗喺冇哋佢嘢啲嗰咩嚟噉嘞啱乜揾搵睇攞嬲咁唔係']);
// 係/唔/咁 also occur in classical or Mandarin text; they count only alongside a stronger marker
const WEAK_CANTONESE = new Set([...'咁唔係']);

function isHan(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2ebef)
  );
}

function isKana(c: number): boolean {
  // hiragana, katakana (not the prolonged-sound mark alone: it is also used in Chinese web text), halfwidth katakana
  return (
    (c >= 0x3041 && c <= 0x309f) ||
    (c >= 0x30a0 && c <= 0x30ff && c !== 0x30fc) ||
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0xff66 && c <= 0xff9d)
  );
}

function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);
}

function isLatin(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

export function countScripts(text: string): ScriptCounts {
  const n: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, cantonese: 0 };
  let weak = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (isHan(c)) {
      n.han++;
      if (CANTONESE.has(ch)) {
        if (WEAK_CANTONESE.has(ch)) weak++;
        else n.cantonese++;
      }
    } else if (isKana(c)) n.kana++;
    else if (isHangul(c)) n.hangul++;
    else if (isLatin(c)) n.latin++;
  }
  if (n.cantonese > 0) n.cantonese += weak;
  return n;
}

/** A CJK character carries about a word; a Latin letter about a third of a syllable. */
const LATIN_LETTER_WEIGHT = 0.3;

/** Letters that carry script evidence (digits, punctuation and spaces carry none). */
export function scriptLetters(c: ScriptCounts): number {
  return c.han + c.kana + c.hangul + c.latin;
}

/**
 * Scores over zh, yue, ja, ko, en summing to 1, or all 0 when the text has no letters. Kana ⇒ ja, and the Han in
 * such text is Japanese kanji; Hangul ⇒ ko; Han without Kana ⇒ zh / yue (yue when Cantonese-only characters occur,
 * by their share); Latin letters ⇒ en (romanised words inside CJK text count by their share, a Latin letter weighing 0.3 of a CJK character).
 */
export function scriptLanguageHints(text: string): Record<ScriptLanguage, number> {
  return hintsFromCounts(countScripts(text));
}

export function hintsFromCounts(c: ScriptCounts): Record<ScriptLanguage, number> {
  const w: Record<ScriptLanguage, number> = { zh: 0, yue: 0, ja: 0, ko: 0, en: 0 };
  if (c.kana > 0) w.ja += c.kana + c.han;
  else if (c.han > 0) {
    // a few marker characters decide it; with none, Mandarin is the likelier (and SenseVoice's larger) class
    const yueShare =
      c.cantonese > 0
        ? Math.min(0.9, 0.6 + (0.3 * c.cantonese) / Math.max(1, c.han) + 0.05 * c.cantonese)
        : 0.15;
    w.yue += c.han * yueShare;
    w.zh += c.han * (1 - yueShare);
  }
  w.ko += c.hangul;
  w.en += c.latin * LATIN_LETTER_WEIGHT;
  const total = w.zh + w.yue + w.ja + w.ko + w.en;
  if (total > 0) for (const k of SCRIPT_LANGUAGES) w[k] /= total;
  return w;
}
