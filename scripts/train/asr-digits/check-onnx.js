#!/usr/bin/env node
// Runs the exported model.onnx in onnxruntime-node on the padded batch that export.py saved with torch's logits
// (.cache/export-ref.json) and reports the largest difference, plus the empty-input (T = 0) case.
//   node scripts/train/asr-digits/check-onnx.js [models/digits-en-ctc/model.onnx]
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const ort = require('onnxruntime-node');

async function main() {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const modelPath = process.argv[2] || path.join(repo, 'models', 'digits-en-ctc', 'model.onnx');
  const ref = JSON.parse(fs.readFileSync(path.join(__dirname, '.cache', 'export-ref.json'), 'utf8'));
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
  const n = ref.x_shape[0];
  const feeds = {
    x: new ort.Tensor('float32', Float32Array.from(ref.x), ref.x_shape),
    x_length: new ort.Tensor('int32', Int32Array.from(ref.x_length), [n]),
    language: new ort.Tensor('int32', Int32Array.from(ref.language), [n]),
    text_norm: new ort.Tensor('int32', Int32Array.from(ref.text_norm), [n]),
  };
  const out = (await session.run(feeds)).logits;
  if (out.dims.join() !== ref.logits_shape.join()) throw new Error(`shape ${out.dims} != ${ref.logits_shape}`);
  // compare only valid frames (padding frames are masked to zero before the head, their logits are not used)
  const [, t4, v] = ref.logits_shape;
  let maxDiff = 0;
  for (let b = 0; b < n; b++)
    for (let t = 0; t < ref.x_length[b] + 4; t++)
      for (let k = 0; k < v; k++) {
        const i = (b * t4 + t) * v + k;
        maxDiff = Math.max(maxDiff, Math.abs(out.data[i] - ref.logits[i]));
      }
  const empty = (
    await session.run({
      x: new ort.Tensor('float32', new Float32Array(0), [1, 0, 560]),
      x_length: new ort.Tensor('int32', Int32Array.from([0]), [1]),
      language: new ort.Tensor('int32', Int32Array.from([0]), [1]),
      text_norm: new ort.Tensor('int32', Int32Array.from([15]), [1]),
    })
  ).logits;
  let emptyDiff = 0;
  for (let i = 0; i < empty.data.length; i++) emptyDiff = Math.max(emptyDiff, Math.abs(empty.data[i] - ref.empty_logits[i]));
  console.log(JSON.stringify({ maxAbsDiff: maxDiff, emptyShape: empty.dims, emptyMaxAbsDiff: emptyDiff }));
  if (maxDiff > 1e-3 || emptyDiff > 1e-3) process.exit(1);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
