import { LabelScore, SILENCE_LABEL } from '@earshot/contracts';
import { Distribution, normalized, rounded, sanitized, topLabel } from './label-distribution';

/**
 * How the LID service combines its own model with SenseVoice's language tag (docs/models.md, "Language and emotion").
 *
 * Our model (lid-en-ko) only knows the languages it was trained on; SenseVoice's language query frame gives a
 * distribution over zh, en, yue, ja, ko (and nospeech). Policy:
 * - only one of them ran → that one (SenseVoice's without `nospeech`, renormalised);
 * - both ran → SenseVoice decides how likely the speech is in one of OUR languages at all (its mass on them,
 *   P_seen), our model splits that mass between them, and the languages we never saw keep SenseVoice's scores:
 *     p(l) = P_seen · own(l)   for l our model saw,      p(l) = sv(l)   otherwise.
 *   So en/ko speech is decided by our model, zh/ja/yue by SenseVoice, and neither overrules the other outside its range.
 * - SenseVoice said nospeech (or nothing usable) → our model alone.
 */
export type EvidenceSource = 'own' | 'sensevoice' | 'own+sensevoice';

export interface OwnLabel {
  label: string;
  scores: Record<string, number>;
}

export interface CombinedLabel {
  label: string;
  scores: Distribution;
  source: EvidenceSource;
}

/** SenseVoice's tag as a distribution over real labels; `drop` labels (nospeech, EMO_UNKNOWN, ...) removed. */
export function tagDistribution(
  tag: LabelScore | null | undefined,
  drop: readonly string[] = [],
): Distribution {
  if (!tag || typeof tag.label !== 'string') return {};
  const raw = tag.scores ? sanitized(tag.scores) : sanitized({ [tag.label]: tag.score });
  for (const d of drop) delete raw[d];
  return normalized(raw);
}

function ownDistribution(own: OwnLabel | null | undefined): Distribution {
  if (!own || own.label === SILENCE_LABEL) return {};
  return normalized(sanitized(own.scores));
}

export function combineLanguage(
  own: OwnLabel | null | undefined,
  sensevoice: LabelScore | null | undefined,
): CombinedLabel | null {
  const o = ownDistribution(own);
  const sv = tagDistribution(sensevoice, ['nospeech']);
  const haveOwn = Object.keys(o).length > 0;
  const haveSv = Object.keys(sv).length > 0;
  if (!haveOwn && !haveSv) return null;
  if (!haveSv) return finish(o, 'own');
  if (!haveOwn) return finish(sv, 'sensevoice');
  let pSeen = 0;
  for (const l of Object.keys(o)) pSeen += sv[l] ?? 0;
  const p: Distribution = {};
  for (const [l, v] of Object.entries(sv)) if (!(l in o)) p[l] = v;
  for (const [l, v] of Object.entries(o)) p[l] = pSeen * v;
  return finish(normalized(p), 'own+sensevoice');
}

function finish(scores: Distribution, source: EvidenceSource): CombinedLabel {
  return { label: topLabel(scores) as string, scores: rounded(scores), source };
}
