#!/usr/bin/env node
// Transcribes the FSDD VAL digit strings and single clips (written by prepare.py to .cache/val_wav) with
// sherpa-onnx-node's SenseVoice recognizer and prints WER. Proves the export loads and decodes in sherpa-onnx.
//   node scripts/train/asr-digits/check-sherpa.js [modelDir] [--itn] [--samples]
// --wavs=<dir>: another list.json + WAVs (e.g. .cache/espeak_eval_wav from prepare.py --espeak-eval 100).
// --samples: transcribe the shipped samples/*.wav instead (expected texts below, from scripts/make-samples.sh).
// Without --itn: woitn, hypothesis words vs "four two seven". With --itn: withitn, digit error rate vs "427".
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const sherpa = require('sherpa-onnx-node');

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function editDistance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

const SAMPLES = {
  'digits-en.wav': [4, 2, 7, 1],
  'digits-en-gb-female.wav': [9, 0, 8, 5, 3, 6],
  'digit-seven.wav': [7],
  'digits-en-gb.wav': [2, 0, 2, 6],
  'silence.wav': [],
};

function main() {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const args = process.argv.slice(2);
  const itn = args.includes('--itn');
  const dir = args.find((a) => !a.startsWith('--')) || path.join(repo, 'models', 'digits-en-ctc');
  const useSamples = args.includes('--samples');
  const dirArg = args.find((a) => a.startsWith('--wavs='));
  const wavDir = useSamples
    ? path.join(repo, 'samples')
    : dirArg
      ? path.resolve(dirArg.slice('--wavs='.length))
      : path.join(__dirname, '.cache', 'val_wav');
  const list = useSamples
    ? Object.entries(SAMPLES).map(([wav, digits]) => ({ wav, digits, kind: 'sample' }))
    : JSON.parse(fs.readFileSync(path.join(wavDir, 'list.json'), 'utf8'));
  const recognizer = new sherpa.OfflineRecognizer({
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: {
      senseVoice: { model: path.join(dir, 'model.onnx'), language: '', useInverseTextNormalization: itn ? 1 : 0 },
      tokens: path.join(dir, 'tokens.txt'),
      numThreads: 1,
      provider: 'cpu',
      debug: 0,
    },
  });
  const stats = {};
  const tagCounts = {};
  const failures = [];
  for (const item of list) {
    const wave = sherpa.readWave(path.join(wavDir, item.wav));
    const stream = recognizer.createStream();
    stream.acceptWaveform({ sampleRate: wave.sampleRate, samples: wave.samples });
    recognizer.decode(stream);
    const r = recognizer.getResult(stream);
    const ref = itn ? item.digits.join('').split('') : item.digits.map((d) => WORDS[d]);
    const hyp = itn ? r.text.replace(/\s+/g, '').split('').filter(Boolean) : r.text.split(/\s+/).filter(Boolean);
    const s = (stats[item.kind] ??= { n: 0, errors: 0, words: 0, exact: 0 });
    const e = editDistance(hyp, ref);
    s.n++;
    s.errors += e;
    s.words += ref.length;
    if (e === 0) s.exact++;
    if (useSamples) console.log(`${item.wav}: "${r.text}" ${r.lang} ${r.emotion} ${r.event}`);
    if (e !== 0 && failures.length < 8) failures.push({ wav: item.wav, ref: ref.join(' '), hyp: r.text });
    const tags = `${r.lang} ${r.emotion} ${r.event}`;
    tagCounts[tags] = (tagCounts[tags] ?? 0) + 1;
  }
  const summary = {};
  for (const [kind, s] of Object.entries(stats))
    summary[kind] = { clips: s.n, errorRate: +(s.errors / s.words).toFixed(4), exact: +(s.exact / s.n).toFixed(4) };
  console.log(JSON.stringify({ mode: itn ? 'withitn (digit error rate)' : 'woitn (WER)', summary, tags: tagCounts, failures }, null, 1));
}

main();
