import { FeatureMatrix } from '../features.types';
import { Cmvn, applyCmvn } from '../cmvn/cmvn';
import { FbankOptions } from '../fbank/fbank-options';
import { FbankProcessor, Samples } from '../fbank/fbank.processor';
import { LfrOptions, applyLfr } from '../lfr/lfr.processor';

export interface FrontendOptions {
  fbank?: Partial<FbankOptions>;
  /** Omit for plain fbank frames. */
  lfr?: LfrOptions;
  /** Applied last (after LFR when both are set). */
  cmvn?: Cmvn;
}

/** The model front-end: fbank, then optional LFR stacking, then optional CMVN (spec §1.7 order). */
export class FeatureFrontend {
  readonly fbank: FbankProcessor;

  constructor(private readonly options: FrontendOptions = {}) {
    this.fbank = new FbankProcessor(options.fbank);
  }

  get dim(): number {
    return this.fbank.dim * (this.options.lfr?.m ?? 1);
  }

  compute(samples: Samples): FeatureMatrix {
    let feats = this.fbank.compute(samples);
    if (this.options.lfr) feats = applyLfr(feats, this.options.lfr);
    if (this.options.cmvn) applyCmvn(feats, this.options.cmvn);
    return feats;
  }
}
