import { FbankProcessor } from './fbank.processor';
import { compareWithReference, loadFbankReference, syntheticSamples } from '../__fixtures__/fbank-fixture';

const reference = loadFbankReference();
const synthetic = reference.cases.filter((c) => c.source.kind !== 'clip');

describe('fbank parity with torchaudio.compliance.kaldi.fbank (synthetic and edge cases)', () => {
  it('has the edge cases the spec asks for', () => {
    const names = synthetic.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['short-399', 'exact-400', 'silence-1s', 'square-full-scale']),
    );
  });

  it.each(synthetic.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const fbank = new FbankProcessor(c.options);
    const samples = syntheticSamples(c);
    expect(samples.length).toBe(c.numSamples);
    const feats = fbank.compute(samples);
    expect(feats.frames).toBe(c.frames);
    expect(feats.dim).toBe(c.dim);
    const r = compareWithReference(c, feats.data, feats.frames, feats.dim);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-3);
    expect(r.maxMeanDiff).toBeLessThanOrEqual(1e-3);
  });
});
