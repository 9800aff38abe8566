import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SenseVoiceModel } from './sensevoice-model';
import { SenseVoiceRecognizer } from './sensevoice.recognizer';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/models');
const SHERPA = { model: join(FIXTURES, 'tiny-sensevoice-sherpa/model.onnx'), tokens: join(FIXTURES, 'tiny-sensevoice-sherpa/tokens.txt') };
const FUNASR = {
  model: join(FIXTURES, 'tiny-sensevoice-funasr/model_quant.onnx'),
  tokens: join(FIXTURES, 'tiny-sensevoice-funasr/tokens.json'),
  cmvn: join(FIXTURES, 'tiny-sensevoice-funasr/am.mvn'),
};

/** Deterministic "speech-like" audio: a few harmonics with a moving pitch and an envelope. */
function voice(seconds: number, seed: number): Float32Array {
  const n = Math.round(seconds * 16000);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = 120 + 60 * Math.sin((i / 16000) * (1.3 + seed)) + 15 * seed;
    phase += (2 * Math.PI * f) / 16000;
    const env = 0.5 + 0.5 * Math.sin((i / 16000) * 2 * Math.PI * (2 + seed / 3));
    out[i] = 0.2 * env * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase + seed));
  }
  return out;
}

describe('SenseVoiceRecognizer on the tiny models', () => {
  let sherpa: SenseVoiceRecognizer;
  let funasr: SenseVoiceRecognizer;
  const clips = [voice(1.2, 0), voice(3.5, 1), voice(0.7, 2), voice(6, 3), new Float32Array(16000), voice(0.01, 4)];

  beforeAll(async () => {
    sherpa = new SenseVoiceRecognizer(await SenseVoiceModel.load(SHERPA), { maxBatch: 1 });
    funasr = new SenseVoiceRecognizer(await SenseVoiceModel.load(FUNASR), { maxBatch: 1 });
  });
  afterAll(async () => {
    await sherpa.model.close();
    await funasr.model.close();
  });

  it('recognises each flavour from its inputs and reads CMVN, LFR and query ids', () => {
    expect(sherpa.model.flavour).toBe('sherpa');
    expect(funasr.model.flavour).toBe('funasr');
    expect(sherpa.model.featureDim).toBe(560);
    expect([sherpa.model.lfrM, sherpa.model.lfrN]).toEqual([7, 6]);
    expect(sherpa.model.languageId('en')).toBe(4);
    expect(sherpa.model.languageId('klingon')).toBe(0);
    expect(sherpa.model.textNormId(true)).toBe(14);
    expect(Array.from(funasr.model.cmvn.negMean)).toEqual(Array.from(sherpa.model.cmvn.negMean));
  });

  it('gives the same result from both flavours (same weights, CMVN from metadata vs am.mvn)', async () => {
    const a = await sherpa.recognize(clips, { language: 'auto' });
    const b = await funasr.recognize(clips, { language: 'auto' });
    expect(b).toEqual(a);
  });

  it('gives the same result batched (zero-padded, x_length) as one utterance at a time', async () => {
    const single = await sherpa.recognize(clips, { useItn: true });
    const batched = await new SenseVoiceRecognizer(sherpa.model, { maxBatch: 4, maxBatchFrames: 10000 }).recognize(clips, {
      useItn: true,
    });
    // labels, tokens and times identical; probabilities equal to float rounding (batched GEMMs sum differently)
    const rounded = (rs: typeof single) => JSON.parse(JSON.stringify(rs, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)));
    expect(rounded(batched)).toEqual(rounded(single));
  });

  it('depends on the audio, the language query and the itn query', async () => {
    const [a, b, silence] = await sherpa.recognize([clips[0], clips[3], clips[4]], { language: 'en' });
    expect(a.text).not.toEqual(b.text);
    expect(a.language?.label).toBe('en');
    expect(a.itn?.label).toBe('woitn');
    expect(silence.tokens).toEqual([]);
    const [zh] = await sherpa.recognize([clips[0]], { language: 'zh', useItn: true });
    expect(zh.language?.label).toBe('zh');
    expect(zh.itn?.label).toBe('withitn');
    expect(a.language!.score).toBeGreaterThan(0.5);
    expect(Object.keys(a.emotion!.scores)).toEqual(expect.arrayContaining(['HAPPY', 'NEUTRAL', 'EMO_UNKNOWN']));
  });

  it('gives token times of 0.06 s × (frame − 4), in order, inside the clip', async () => {
    const [r] = await sherpa.recognize([clips[3]]);
    expect(r.tokens.length).toBeGreaterThan(3);
    for (const t of r.tokens) expect(Math.round(t.start * 1000) % 60).toBe(0);
    const starts = r.tokens.map((t) => t.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(starts[starts.length - 1]).toBeLessThan(6);
    expect(r.tagged.startsWith(`${r.language!.token}${r.emotion!.token}${r.event!.token}${r.itn!.token}`)).toBe(true);
  });

  it('plans batches by length within the frame budget', () => {
    const rec = new SenseVoiceRecognizer(sherpa.model, { maxBatch: 3, maxBatchFrames: 100 });
    expect(rec.planBatches([10, 50, 12, 11, 40, 0])).toEqual([[5, 0, 3], [2, 4], [1]]);
  });

  it('fails with clear errors on a wrong model or a token count mismatch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sv-bad-'));
    writeFileSync(join(dir, 'tokens.txt'), 'a 0\nb 1\n');
    await expect(SenseVoiceModel.load({ model: SHERPA.model, tokens: join(dir, 'tokens.txt') })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
    await expect(SenseVoiceModel.load({ model: FUNASR.model, tokens: FUNASR.tokens })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('CMVN'),
    });
    copyFileSync(SHERPA.tokens, join(dir, 'model.onnx'));
    await expect(SenseVoiceModel.load({ model: join(dir, 'model.onnx'), tokens: SHERPA.tokens })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
  });
});
