import { LabelScore, SILENCE_LABEL } from '@earshot/contracts';
import { Distribution, normalized, rounded, sanitized, topLabel } from '../lid/label-distribution';
import { CombinedLabel, OwnLabel, tagDistribution } from '../lid/language-policy';

/** Languages the shipped SER model (ser-4class) heard in training: RAVDESS English, emotiontts Korean. */
export const SER_SEEN_LANGUAGES: readonly string[] = ['en', 'ko'];

/** SenseVoice emotion tags → our four labels; FEARFUL, DISGUSTED, SURPRISED, OTHER, EMO_UNKNOWN have no counterpart. */
export const SENSEVOICE_EMOTIONS: Readonly<Record<string, string>> = {
  NEUTRAL: 'neutral',
  HAPPY: 'happy',
  SAD: 'sad',
  ANGRY: 'angry',
};

export interface CombinedEmotion extends CombinedLabel {
  /** Whether our model heard the segment's language in training; null when the language is unknown. */
  languageSeen: boolean | null;
}

export interface EmotionPolicyInput {
  own?: OwnLabel | null;
  /** SenseVoice's emotion tag for the same segment (ASR result), when a SenseVoice-format model ran. */
  sensevoice?: LabelScore | null;
  /** The segment's language (after LID's own policy), e.g. "en"; null/undefined when unknown. */
  language?: string | null;
  seenLanguages?: readonly string[];
}

/**
 * How the SER service combines its own model with SenseVoice's emotion tag (docs/models.md, "Language and emotion").
 * Emotion cues are language- and culture-dependent and our model heard only English and Korean, so:
 * - language seen by our model (or unknown) and our model ran → our model;
 * - language NOT seen and SenseVoice's tag is usable → SenseVoice's, mapped to our four labels (its mass on
 *   fearful/disgusted/surprised/other/unknown is dropped and the rest renormalised);
 * - otherwise whichever ran (our model out of its domain is still better than nothing; `languageSeen` says so).
 * Scores always use our four labels.
 */
export function combineEmotion(input: EmotionPolicyInput): CombinedEmotion | null {
  const seen = input.seenLanguages ?? SER_SEEN_LANGUAGES;
  const lang = input.language && input.language !== SILENCE_LABEL ? input.language : null;
  const languageSeen = lang === null ? null : seen.includes(lang);
  const own = input.own && input.own.label !== SILENCE_LABEL ? normalized(sanitized(input.own.scores)) : {};
  const sv = mapSenseVoice(tagDistribution(input.sensevoice));
  const haveOwn = Object.keys(own).length > 0;
  const haveSv = Object.keys(sv).length > 0;
  if (haveOwn && languageSeen !== false) return finish(own, 'own', languageSeen);
  if (haveSv) return finish(sv, 'sensevoice', languageSeen);
  if (haveOwn) return finish(own, 'own', languageSeen);
  return null;
}

export function mapSenseVoice(tag: Distribution): Distribution {
  const out: Distribution = {};
  let mass = 0;
  for (const [k, v] of Object.entries(tag)) {
    const ours = SENSEVOICE_EMOTIONS[k.toUpperCase()];
    if (!ours) continue;
    out[ours] = (out[ours] ?? 0) + v;
    mass += v;
  }
  // a tag that put (almost) everything on labels we do not have says nothing about our four
  if (mass < 0.05) return {};
  const full: Distribution = { neutral: 0, happy: 0, sad: 0, angry: 0, ...out };
  return normalized(full);
}

function finish(
  scores: Distribution,
  source: CombinedLabel['source'],
  languageSeen: boolean | null,
): CombinedEmotion {
  return { label: topLabel(scores) as string, scores: rounded(scores), source, languageSeen };
}
