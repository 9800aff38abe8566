/** A feature matrix, row-major: frame t, dimension d is `data[t * dim + d]`. */
export interface FeatureMatrix {
  readonly data: Float32Array;
  readonly frames: number;
  readonly dim: number;
}

export function emptyFeatures(dim: number): FeatureMatrix {
  return { data: new Float32Array(0), frames: 0, dim };
}
