/** Zeroth-order modified Bessel function of the first kind (power series; converges fast for the betas used). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's formula for the beta that gives a stopband attenuation of `db` decibels. */
export function kaiserBeta(db: number): number {
  if (db > 50) return 0.1102 * (db - 8.7);
  if (db >= 21) return 0.5842 * Math.pow(db - 21, 0.4) + 0.07886 * (db - 21);
  return 0;
}

/** Kaiser's estimate of the filter length (in samples) for attenuation `db` and transition width `delta` (cycles/sample). */
export function kaiserLength(db: number, delta: number): number {
  return (db - 7.95) / (14.36 * delta);
}
