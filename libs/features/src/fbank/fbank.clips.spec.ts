import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { createAudioDecoder } from '@earshot/audio';
import { FbankProcessor } from './fbank.processor';
import { compareWithReference, loadFbankReference } from '../__fixtures__/fbank-fixture';

// Real clips are read from the shared data dir (never committed); the fixture holds only reference features.
const DATA_DIR = process.env.EARSHOT_SHARED_DATA ?? resolve(__dirname, '../../../../../shared/data');
const clips = loadFbankReference().cases.filter((c) => c.source.kind === 'clip');

describe('fbank parity with torchaudio.compliance.kaldi.fbank (real clips decoded by @earshot/audio)', () => {
  const decoder = createAudioDecoder();

  it('covers at least 5 real clips from several corpora, one of them 8 kHz', () => {
    expect(existsSync(DATA_DIR)).toBe(true);
    expect(clips.length).toBeGreaterThanOrEqual(5);
    const corpora = new Set(clips.map((c) => (c.source.kind === 'clip' ? c.source.path.split('/')[1] : '')));
    expect(corpora.size).toBeGreaterThanOrEqual(5);
    expect(clips.some((c) => c.source.kind === 'clip' && c.source.sourceRate === 8000)).toBe(true);
  });

  it.each(clips.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    if (c.source.kind !== 'clip') throw new Error('not a clip');
    const audio = await decoder.decodeFile(join(DATA_DIR, c.source.path));
    expect(audio.samples.length).toBe(c.numSamples);
    const feats = new FbankProcessor(c.options).compute(audio.samples);
    expect([feats.frames, feats.dim]).toEqual([c.frames, c.dim]);
    const r = compareWithReference(c, feats.data, feats.frames, feats.dim);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-3);
    expect(r.maxMeanDiff).toBeLessThanOrEqual(1e-3);
  });
});
