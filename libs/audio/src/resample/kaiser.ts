/**
 * Zeroth-order modified Bessel function of the first kind (Abramowitz & Stegun 9.8.1/9.8.2, relative error < 2e-7):
 * a few multiplies, so building a long filter table stays cheap.
 */
export function besselI0(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3.75) {
    const y = (x / 3.75) ** 2;
    return (
      1 +
      y * (3.5156229 + y * (3.0899424 + y * (1.2067492 + y * (0.2659732 + y * (0.0360768 + y * 0.0045813)))))
    );
  }
  const y = 3.75 / ax;
  return (
    (Math.exp(ax) / Math.sqrt(ax)) *
    (0.39894228 +
      y *
        (0.01328592 +
          y *
            (0.00225319 +
              y *
                (-0.00157565 +
                  y *
                    (0.00916281 +
                      y * (-0.02057706 + y * (0.02635537 + y * (-0.01647633 + y * 0.00392377))))))))
  );
}

/** The power series, exact to double precision; the reference for the fast version. */
export function besselI0Series(x: number): number {
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

/** The inverse: the transition width (cycles/sample) a filter of `length` samples reaches at attenuation `db`. */
export function kaiserDelta(db: number, length: number): number {
  return (db - 7.95) / (14.36 * length);
}
