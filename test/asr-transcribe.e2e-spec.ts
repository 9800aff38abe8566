import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RichTranscript } from '@earshot/contracts';
import { AsrTranscriber, EnergySegmenter, SenseVoiceModel, SenseVoiceRecognizer } from '@earshot/inference';
import { TINY_FUNASR, TINY_SHERPA } from './asr-fixtures';
import { runCli } from './support/cli';

const dir = mkdtempSync(join(tmpdir(), 'asr-cli-'));

const cli = runCli;

jest.setTimeout(60_000);

describe('earshot transcribe (embedded pipeline)', () => {
  const speech = join(dir, 'speech.wav');
  const mp3 = join(dir, 'speech.mp3');

  beforeAll(() => {
    const raw = join(dir, 'raw.wav');
    execFileSync('espeak-ng', ['-w', raw, 'one two three, hello world, four five six'], { stdio: 'ignore' });
    execFileSync('sox', [raw, '-r', '16000', '-b', '16', '-c', '1', speech], { stdio: 'ignore' });
    execFileSync(join(__dirname, '../node_modules/@ffmpeg-installer/linux-x64/ffmpeg'), ['-loglevel', 'error', '-i', raw, mp3]);
  });

  it('prints the rich transcript (the gateway flow, embedded), says which model ran, and agrees with the library', async () => {
    const { code, out } = await cli('transcribe', speech, '--model', TINY_SHERPA, '--format', 'json', '--language', 'en', '--no-vad', '--tasks', 'asr');
    expect(code).toBe(0);
    const r = JSON.parse(out) as RichTranscript;
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['text', 'text_spoken', 'language', 'emotion', 'events', 'segments', 'models', 'missing']));
    expect(r.models).toEqual({ asr: 'tiny-sensevoice-sherpa' });
    expect(r.missing).toEqual([]);
    expect(r.language).toBe('en');
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.segments[0]).toEqual(expect.objectContaining({ start: 0, text: r.text }));
    expect(r.segments[0].language).toMatchObject({ label: 'en', source: 'asr' });
    expect(r.segments[0].tokens.length).toBeGreaterThan(0);
    expect(r.segments[0].tokens[0]).toEqual(expect.objectContaining({ text: expect.any(String), start: expect.any(Number) }));

    const model = await SenseVoiceModel.load({ model: join(TINY_SHERPA, 'model.onnx'), tokens: join(TINY_SHERPA, 'tokens.txt') });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const samples: Float32Array = require('sherpa-onnx-node').readWave(speech).samples;
    const [direct] = await new SenseVoiceRecognizer(model).recognize([samples], { language: 'en' });
    expect(r.text).toBe(direct.text);
    await model.close();
  });

  it('runs the language, emotion and event workers by default, and reports the ones whose model is missing', async () => {
    const all = await cli('transcribe', speech, '--model', TINY_SHERPA, '--format', 'json');
    expect(all.code).toBe(0);
    const r = JSON.parse(all.out) as RichTranscript;
    expect(Object.keys(r.models).sort()).toEqual(['aed', 'asr', 'lid', 'ser']);
    expect(r.missing).toEqual([]);
    expect(r.segments[0].language?.source).toBe('lid');
    expect(r.segments[0].emotion?.source).toBe('ser');

    // an empty MODELS_DIR: the ASR model is given by path, the optional ones cannot load
    const saved = process.env.MODELS_DIR;
    process.env.MODELS_DIR = mkdtempSync(join(tmpdir(), 'no-models-'));
    try {
      const some = await cli('transcribe', speech, '--model', TINY_SHERPA, '--format', 'text', '--tasks', 'asr,lid,aed');
      expect(some.code).toBe(0);
      expect(some.out.trim().length).toBeGreaterThan(0);
      expect(some.err).toMatch(/earshot: no lid: unavailable: .*lid-en-ko/);
      expect(some.err).toMatch(/earshot: no aed: unavailable: .*aed-events/);
      expect(some.err).not.toMatch(/no ser/);
    } finally {
      if (saved === undefined) delete process.env.MODELS_DIR;
      else process.env.MODELS_DIR = saved;
    }
    const bad = await cli('transcribe', speech, '--model', TINY_SHERPA, '--tasks', 'asr,diarize');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^earshot: INVALID_ARGUMENT: tasks must be a comma list/);
  });

  it('sends only Silero VAD speech segments to the model by default', async () => {
    // 1.5 s of silence, the phrase, 2 s of silence
    const padded = join(dir, 'padded.wav');
    execFileSync('sox', [speech, padded, 'pad', '1.5', '2']);
    const { code, out } = await cli('transcribe', padded, '--model', TINY_SHERPA, '--format', 'json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as RichTranscript;
    expect(r.segments.length).toBeGreaterThan(0);
    expect(r.segments[0].start).toBeGreaterThan(1);
    expect(r.segments[r.segments.length - 1].end).toBeLessThan(r.duration - 1);
    const whole = JSON.parse((await cli('transcribe', padded, '--model', TINY_SHERPA, '--format', 'json', '--no-vad')).out) as RichTranscript;
    expect(whole.segments[0].start).toBe(0);
  });

  it('decodes other containers through ffmpeg and renders text, tags, srt and vtt', async () => {
    const text = await cli('transcribe', mp3, '--model', TINY_FUNASR, '--format', 'text');
    expect(text.code).toBe(0);
    expect(text.err).toContain('model tiny-sensevoice-funasr');
    const tags = await cli('transcribe', mp3, '--model', TINY_FUNASR, '--format', 'tags', '--itn');
    expect(tags.out).toMatch(/^<\|[a-z]+\|><\|[A-Z_]+\|><\|[A-Za-z_]+\|><\|withitn\|>/);
    const srt = await cli('transcribe', speech, '--model', TINY_SHERPA, '--format', 'srt');
    expect(srt.out).toMatch(/^1\n00:00:0\d,\d{3} --> 00:00:0\d,\d{3}\n.+\n/);
    const vtt = await cli('transcribe', speech, '--model', TINY_SHERPA, '--format', 'vtt');
    expect(vtt.out).toMatch(/^WEBVTT\n\n00:00:0\d\.\d{3} --> /);
  });

  it('fails with one clear line on bad input, bad flags and a missing model', async () => {
    const junk = join(dir, 'junk.wav');
    writeFileSync(junk, 'RIFF not really a wave file at all');
    const bad = await cli('transcribe', junk, '--model', TINY_SHERPA);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^earshot: AUDIO_[A-Z_]+: .+\n$/);
    const missing = await cli('transcribe', join(dir, 'nope.wav'), '--model', TINY_SHERPA);
    expect(missing.err).toMatch(/^earshot: NOT_FOUND: /);
    const noModel = await cli('transcribe', speech, '--model', 'no-such-model');
    expect(noModel.code).toBe(1);
    expect(noModel.err).toMatch(/^earshot: MODEL_NOT_FOUND: ASR model "no-such-model" is not installed/);
    const lang = await cli('transcribe', speech, '--language', 'xx');
    expect(lang.code).toBe(2);
  });
});

describe('long audio', () => {
  it('transcribes 10 minutes in ≤ 20 s pieces with memory that does not grow with the duration', async () => {
    const model = await SenseVoiceModel.load({ model: join(TINY_SHERPA, 'model.onnx'), tokens: join(TINY_SHERPA, 'tokens.txt') });
    const t = new AsrTranscriber(new SenseVoiceRecognizer(model), { name: 'tiny', format: 'sensevoice-sherpa' }, {
      segmenter: new EnergySegmenter({ maxSegmentSec: 20 }),
    });
    // live memory, not garbage waiting for a collection: collect before every sample
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let peak = 0;
    let runs = 0;
    // a plain wrapper, not jest.spyOn: a spy keeps every call's arguments (the feature batches) alive
    const run = model.run.bind(model);
    let inFlight = 0;
    let maxConcurrentRuns = 0;
    model.run = async (b, out) => {
      runs++;
      inFlight++;
      maxConcurrentRuns = Math.max(maxConcurrentRuns, inFlight);
      gc();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      try {
        return await run(b, out);
      } finally {
        inFlight--;
      }
    };
    const measure = async (seconds: number) => {
      // "syllables": 180 ms bursts every 400 ms, with 1.5 s pauses every 7 s
      const n = seconds * 16000;
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const s = i / 16000;
        const on = s % 0.4 < 0.18 && s % 7 < 5.5;
        samples[i] = on ? 0.3 * Math.sin(2 * Math.PI * (150 + 40 * Math.sin(s)) * s) : 0;
      }
      gc();
      const base = process.memoryUsage().arrayBuffers;
      peak = base;
      runs = 0;
      const started = Date.now();
      const r = await t.transcribe(samples);
      return { r, growthMb: (peak - base) / 2 ** 20, runs, ms: Date.now() - started };
    };
    const short = await measure(200);
    const long = await measure(600);
    const r = long.r;
    expect(r.duration).toBe(600);
    expect(r.segments.length).toBeGreaterThanOrEqual(30);
    for (const s of r.segments) expect(s.end - s.start).toBeLessThanOrEqual(20);
    expect(r.segments[r.segments.length - 1].end).toBe(600);
    const times = r.segments.flatMap((s) => s.tokens.map((k) => k.start));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    process.stdout.write(
      `long-audio: 600 s, ${r.segments.length} segments, ${long.runs} forward passes, ${long.ms} ms; live array-buffer ` +
        `peak above the input: ${long.growthMb.toFixed(1)} MB (200 s: ${short.growthMb.toFixed(1)} MB)\n`,
    );
    expect(long.runs).toBeGreaterThan(short.runs);
    // at most two batches in flight (the next one's features are prepared while one runs), whatever the duration
    expect(maxConcurrentRuns).toBeLessThanOrEqual(2);
    // Holding every segment's LFR features of 30 min would take 1800 s x 100 frames/s / 6 x 560 x 4 B = 64 MB on top
    // of the input; the pipeline keeps two groups of segments (peaks seen: 8-14 MB at any duration). Peaks read after
    // a forced GC still depend on collection timing, so the bound is structural, not a comparison of two peaks.
    const xl = await measure(1800);
    const allFeaturesMb = ((1800 * 100) / 6) * 560 * 4 / 2 ** 20;
    process.stdout.write(`long-audio: 1800 s peak above the input ${xl.growthMb.toFixed(1)} MB (all features: ${allFeaturesMb.toFixed(0)} MB)\n`);
    await model.close();
    expect(xl.growthMb).toBeLessThan(0.4 * allFeaturesMb);
  }, 120_000);
});
