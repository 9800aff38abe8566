import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SenseVoiceModel, SenseVoiceRecognizer, UtteranceResult } from '@earshot/inference';
import { Clip, DIGITS_MODEL, TINY_SHERPA, generatedClips, realClips } from './asr-fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sherpa = require('sherpa-onnx-node');

interface SherpaStream {
  acceptWaveform(w: { sampleRate: number; samples: Float32Array }): void;
}

interface SherpaRecognizer {
  createStream(): SherpaStream;
  decode(s: SherpaStream): void;
  getResult(s: SherpaStream): SherpaResult;
}

interface SherpaResult {
  lang: string;
  emotion: string;
  event: string;
  text: string;
  tokens: string[];
  timestamps: number[];
}

function sherpaRecognizer(modelPath: string, tokens: string, language: string, itn: boolean): SherpaRecognizer {
  return new sherpa.OfflineRecognizer({
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: {
      senseVoice: { model: modelPath, language, useInverseTextNormalization: itn ? 1 : 0 },
      tokens,
      numThreads: 1,
      provider: 'cpu',
      debug: 0,
    },
  });
}

function sherpaDecode(rec: SherpaRecognizer, samples: Float32Array): SherpaResult {
  const stream = rec.createStream();
  stream.acceptWaveform({ sampleRate: 16000, samples });
  rec.decode(stream);
  return rec.getResult(stream);
}

function comparable(r: UtteranceResult, tokenDisplay: (id: number) => string) {
  return {
    lang: r.language?.token ?? '',
    emotion: r.emotion?.token ?? '',
    event: r.event?.token ?? '',
    text: r.text,
    tokens: r.tokens.map((t) => tokenDisplay(t.id)),
    timestamps: r.tokens.map((t) => t.start),
  };
}

function modelFiles(dir: string): { model: string; tokens: string } | undefined {
  if (!existsSync(dir)) return undefined;
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const f = (role: string) => m.files.find((x: { role: string }) => x.role === role)?.path;
    if (f('model') && f('tokens')) return { model: join(dir, f('model')), tokens: join(dir, f('tokens')) };
  }
  if (existsSync(join(dir, 'model.onnx'))) return { model: join(dir, 'model.onnx'), tokens: join(dir, 'tokens.txt') };
  return undefined;
}

const clips: Clip[] = [...generatedClips(), ...realClips(11)];
const samplesOf = new Map<string, Float32Array>();
for (const c of clips) samplesOf.set(c.name, sherpa.readWave(c.path).samples);

const models: Array<[string, { model: string; tokens: string } | undefined]> = [
  ['tiny sherpa-flavour model', modelFiles(TINY_SHERPA)],
  ['shipped digits model', modelFiles(DIGITS_MODEL)],
];

describe.each(models)('parity with sherpa-onnx-node: %s', (_name, files) => {
  const run = files ? it : it.skip;
  let ours: SenseVoiceRecognizer;

  beforeAll(async () => {
    if (!files) return;
    const model = await SenseVoiceModel.load(files, { intraOpThreads: 1 });
    ours = new SenseVoiceRecognizer(model, { maxBatch: 1 });
  });
  afterAll(async () => ours?.model.close());

  it('has at least 20 clips, including silence, a sub-frame clip and a 30 s clip', () => {
    expect(clips.length).toBeGreaterThanOrEqual(20);
    expect(clips.map((c) => c.name)).toEqual(expect.arrayContaining(['silence-1s', 'shorter-than-a-frame', 'long-30s']));
    expect(samplesOf.get('long-30s')!.length).toBe(480000);
  });

  for (const [language, itn] of [
    ['', false],
    ['en', true],
  ] as const) {
    run(`gives identical tokens, tags and timestamps (language "${language || 'auto'}", itn ${itn})`, async () => {
      const rec = sherpaRecognizer(files!.model, files!.tokens, language, itn);
      const got: unknown[] = [];
      const want: unknown[] = [];
      for (const c of clips) {
        const samples = samplesOf.get(c.name)!;
        const s = sherpaDecode(rec, samples);
        const [r] = await ours.recognize([samples], { language: language || 'auto', useItn: itn });
        got.push({ clip: c.name, ...comparable(r, (id) => ours.model.tokens.display(id)) });
        want.push({
          clip: c.name,
          lang: s.lang,
          emotion: s.emotion,
          event: s.event,
          text: s.text,
          tokens: s.tokens,
          timestamps: s.timestamps.map((t) => Math.round(t * 1000) / 1000),
        });
      }
      if (process.env.ASR_PARITY_DUMP) console.log(JSON.stringify(got.slice(0, 24)));
      expect(got).toEqual(want);
      // not vacuous: the model says different things about different audio
      const texts = new Set(got.map((g) => (g as { text: string }).text));
      expect(texts.size).toBeGreaterThan(3);
    });
  }
});
