/**
 * Literal port of FunASR's `rich_transcription_postprocess` (funasr/utils/postprocess_utils.py, sensevoice-spec §5):
 * turns "<|en|><|HAPPY|><|BGM|><|woitn|>hello" into "🎼hello😊". Dict orders matter and are kept; Python indexes
 * code points, so "first/last character" uses Array.from (every emoji here but ❓ is two UTF-16 units).
 */
const EMO_DICT: ReadonlyArray<[string, string]> = [
  ['<|HAPPY|>', '😊'],
  ['<|SAD|>', '😔'],
  ['<|ANGRY|>', '😡'],
  ['<|NEUTRAL|>', ''],
  ['<|FEARFUL|>', '😰'],
  ['<|DISGUSTED|>', '🤢'],
  ['<|SURPRISED|>', '😮'],
];

const EVENT_DICT: ReadonlyArray<[string, string]> = [
  ['<|BGM|>', '🎼'],
  ['<|Speech|>', ''],
  ['<|Applause|>', '👏'],
  ['<|Laughter|>', '😀'],
  ['<|Cry|>', '😭'],
  ['<|Sneeze|>', '🤧'],
  ['<|Breath|>', ''],
  ['<|Cough|>', '🤧'],
];

/** Only the keys are used (count, then remove, in this order). */
const EMOJI_DICT_KEYS: readonly string[] = [
  '<|nospeech|><|Event_UNK|>',
  '<|zh|>',
  '<|en|>',
  '<|yue|>',
  '<|ja|>',
  '<|ko|>',
  '<|nospeech|>',
  '<|HAPPY|>',
  '<|SAD|>',
  '<|ANGRY|>',
  '<|NEUTRAL|>',
  '<|BGM|>',
  '<|Speech|>',
  '<|Applause|>',
  '<|Laughter|>',
  '<|FEARFUL|>',
  '<|DISGUSTED|>',
  '<|SURPRISED|>',
  '<|Cry|>',
  '<|EMO_UNKNOWN|>',
  '<|Sneeze|>',
  '<|Breath|>',
  '<|Cough|>',
  '<|Sing|>',
  '<|Speech_Noise|>',
  '<|withitn|>',
  '<|woitn|>',
  '<|GBG|>',
  '<|Event_UNK|>',
];

const LANG_TAGS = ['<|zh|>', '<|en|>', '<|yue|>', '<|ja|>', '<|ko|>', '<|nospeech|>'];

const EMO_SET = ['😊', '😔', '😡', '😰', '🤢', '😮'];
const EVENT_SET = ['🎼', '👏', '😀', '😭', '🤧', '😷'];
/** Python's `emo_set.union(event_set)`: set iteration order does not change the result of the replacements. */
const ALL_EMOJI = [...EMO_SET, ...EVENT_SET];

function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

/** Python str.strip(" "): spaces only. */
function stripSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

/** Python str.strip(): whitespace. */
function strip(s: string): string {
  return s.replace(/^\s+|\s+$/gu, '');
}

export function formatStrV2(input: string): string {
  let s = input;
  const counts = new Map<string, number>();
  for (const key of EMOJI_DICT_KEYS) {
    counts.set(key, count(s, key));
    s = s.split(key).join('');
  }
  let emo = '<|NEUTRAL|>';
  for (const [e] of EMO_DICT) if ((counts.get(e) ?? 0) > (counts.get(emo) ?? 0)) emo = e;
  for (const [e, emoji] of EVENT_DICT) if ((counts.get(e) ?? 0) > 0) s = emoji + s;
  s += EMO_DICT.find(([e]) => e === emo)![1];
  for (const emoji of ALL_EMOJI) {
    s = s.split(` ${emoji}`).join(emoji);
    s = s.split(`${emoji} `).join(emoji);
  }
  return strip(s);
}

function firstChar(s: string): string | undefined {
  const cp = s.codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

function lastChar(s: string): string | undefined {
  const chars = Array.from(s);
  return chars[chars.length - 1];
}

function getEvent(s: string): string | null {
  const c = firstChar(s);
  return c !== undefined && EVENT_SET.includes(c) ? c : null;
}

function getEmo(s: string): string | null {
  const c = lastChar(s);
  return c !== undefined && EMO_SET.includes(c) ? c : null;
}

function dropFirstChar(s: string): string {
  return Array.from(s).slice(1).join('');
}

function dropLastChar(s: string): string {
  return Array.from(s).slice(0, -1).join('');
}

export function richTranscriptionPostprocess(input: string): string {
  let s = input.split('<|nospeech|><|Event_UNK|>').join('❓');
  for (const lang of LANG_TAGS) s = s.split(lang).join('<|lang|>');
  const list = s.split('<|lang|>').map((p) => stripSpaces(formatStrV2(p)));
  let newS = ` ${list[0]}`;
  let curEvent = getEvent(newS);
  for (let i = 1; i < list.length; i++) {
    if (list[i].length === 0) continue;
    if (getEvent(list[i]) === curEvent && getEvent(list[i]) !== null) {
      list[i] = dropFirstChar(list[i]);
      // FunASR #2681: an event-only segment is empty now
      if (list[i].length === 0) continue;
    }
    curEvent = getEvent(list[i]);
    if (getEmo(list[i]) !== null && getEmo(list[i]) === getEmo(newS)) newS = dropLastChar(newS);
    newS += strip(list[i]);
  }
  newS = newS.split('The.').join(' ');
  return strip(newS);
}
