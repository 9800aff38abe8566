import { Distribution, normalized, rounded, topLabel } from './label-distribution';
import { countScripts, hintsFromCounts, scriptLetters } from './script-hints';

export interface AudioLanguage {
  label: string;
  scores: Distribution;
}

export interface ScriptMergeOptions {
  /** Languages the audio evidence can name at all (default: the keys of its scores). */
  audioLanguages?: readonly string[];
  /** Audio evidence whose top score is below this is "weak". */
  weakBelow?: number;
  /** Fewer script letters than this: the text is ignored (a stray "OK" says little). */
  minLetters?: number;
}

export interface MergedLanguage {
  label: string;
  scores: Distribution;
  /** Whether the text changed anything, and why. */
  text: 'unused' | 'weak-audio' | 'unseen-language';
  letters: number;
}

/** Letters at which the text's evidence is taken at full strength. */
const FULL_STRENGTH_LETTERS = 8;

/**
 * The gateway's merge of audio LID (after the service's own policy) with the script of the ASR text. The text
 * counts only when the audio evidence is weak (top score < weakBelow) or when the script points to a language the
 * audio evidence cannot name (e.g. Kana text while only our en/ko model ran). Then
 *   p = (1 − w) · audio + w · script,   w = strength · (0.5 weak | 0.8 unseen),  strength = min(1, letters / 8);
 * otherwise the audio decision stands unchanged.
 */
export function mergeScriptEvidence(
  audio: AudioLanguage | null,
  text: string,
  opts: ScriptMergeOptions = {},
): MergedLanguage | null {
  const counts = countScripts(text ?? '');
  const letters = scriptLetters(counts);
  const hints = hintsFromCounts(counts);
  const minLetters = opts.minLetters ?? 2;
  const audioScores = audio ? normalized(audio.scores) : {};
  const haveAudio = Object.keys(audioScores).length > 0;
  if (letters < minLetters)
    return haveAudio ? { label: audio!.label, scores: rounded(audioScores), text: 'unused', letters } : null;
  const hinted: Distribution = {};
  for (const [k, v] of Object.entries(hints)) if (v > 0) hinted[k] = v;
  const strength = Math.min(1, letters / FULL_STRENGTH_LETTERS);
  if (!haveAudio)
    return { label: topLabel(hinted) as string, scores: rounded(hinted), text: 'unseen-language', letters };
  const known = opts.audioLanguages ?? Object.keys(audioScores);
  const textTop = topLabel(hinted) as string;
  const unseen = !known.includes(textTop);
  const weak = (audioScores[topLabel(audioScores) as string] ?? 0) < (opts.weakBelow ?? 0.6);
  if (!unseen && !weak) return { label: audio!.label, scores: rounded(audioScores), text: 'unused', letters };
  const w = strength * (unseen ? 0.8 : 0.5);
  const merged: Distribution = {};
  for (const k of new Set([...Object.keys(audioScores), ...Object.keys(hinted)]))
    merged[k] = (1 - w) * (audioScores[k] ?? 0) + w * (hinted[k] ?? 0);
  return {
    label: topLabel(merged) as string,
    scores: rounded(normalized(merged)),
    text: unseen ? 'unseen-language' : 'weak-audio',
    letters,
  };
}
