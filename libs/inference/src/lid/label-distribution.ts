/** Small helpers over label → probability maps, shared by the LID and SER combination policies. */
export type Distribution = Record<string, number>;

export function total(d: Distribution): number {
  let s = 0;
  for (const v of Object.values(d)) s += v;
  return s;
}

/** A copy scaled to sum to 1; an empty map when the mass is ~0 or not finite. */
export function normalized(d: Distribution): Distribution {
  const s = total(d);
  if (!(s > 1e-9) || !Number.isFinite(s)) return {};
  const out: Distribution = {};
  for (const [k, v] of Object.entries(d)) out[k] = v / s;
  return out;
}

/** Top label (first in key order on ties); undefined for an empty map. */
export function topLabel(d: Distribution): string | undefined {
  let best: string | undefined;
  for (const [k, v] of Object.entries(d)) if (best === undefined || v > d[best]) best = k;
  return best;
}

export function rounded(d: Distribution): Distribution {
  const out: Distribution = {};
  for (const [k, v] of Object.entries(d)) out[k] = Math.round(v * 1e4) / 1e4;
  return out;
}

/** Only finite, non-negative entries: tag scores come from another service and are not trusted blindly. */
export function sanitized(d: Record<string, unknown> | undefined): Distribution {
  const out: Distribution = {};
  for (const [k, v] of Object.entries(d ?? {}))
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  return out;
}
