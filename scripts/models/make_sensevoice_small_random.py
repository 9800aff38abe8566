"""Generate a SenseVoice-Small-sized model with random weights, for benchmarks (never committed).

  /usr/bin/python3 scripts/models/make_sensevoice_small_random.py [--out models/.cache/sensevoice-small-random]
        [--force] [--check]

Same graph shape as SenseVoiceSmall (spec §2.4, perf-notes): SenseVoiceEncoderSmall with 1 + 49 SAN-M blocks
(first 560 -> 512) and 20 tp blocks, d 512, 4 heads, FFN 2048, FSMN kernel 11, pre-LN, sinusoidal positions, query
table nn.Embedding(16, 560), CTC head 512 -> 25055. I/O and metadata of the sherpa-onnx export (spec §2.1).
Writes model.onnx (fp32), model.int8.onnx (MatMul weights dynamically quantised to uint8, as sherpa's export does
with onnxruntime's quantize_dynamic(op_types_to_quantize=["MatMul"], weight_type=QUInt8); done here with the onnx
API because Python onnxruntime is not installed), tokens.txt (25055 pieces, the real special-token ids) and
manifest.json. --check runs both files once in onnxruntime-node and sherpa-onnx-node.
Skips the work when the files exist (use --force). Seeded: the same bytes every run for a given torch version.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import TensorProto, helper, numpy_helper

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VOCAB = 25055
D, HEADS, FFN, KERNEL, BLOCKS, TP_BLOCKS, FEAT = 512, 4, 2048, 11, 50, 20, 560

SPECIAL = {
    24884: "<|zh|>", 24885: "<|en|>", 24888: "<|yue|>", 24892: "<|ja|>", 24896: "<|ko|>", 24992: "<|nospeech|>",
    24989: "<|ASR|>", 24990: "<|AED|>", 24991: "<|SER|>",
    24993: "<|Speech|>", 24994: "<|/Speech|>", 24995: "<|BGM|>", 24996: "<|/BGM|>", 24997: "<|Laughter|>",
    24998: "<|/Laughter|>", 24999: "<|Applause|>", 25000: "<|/Applause|>",
    25001: "<|HAPPY|>", 25002: "<|SAD|>", 25003: "<|ANGRY|>", 25004: "<|NEUTRAL|>", 25005: "<|FEARFUL|>",
    25006: "<|DISGUSTED|>", 25007: "<|SURPRISED|>", 25008: "<|OTHER|>", 25009: "<|EMO_UNKNOWN|>",
    25010: "<|Cry|>", 25011: "<|Sneeze|>", 25012: "<|Breath|>", 25013: "<|Cough|>", 25014: "<|Sing|>",
    25015: "<|Speech_Noise|>", 25016: "<|withitn|>", 25017: "<|woitn|>", 25018: "<|GBG|>", 25019: "<|Event_UNK|>",
}


class SanmAttention(nn.Module):
    def __init__(self, in_feat):
        super().__init__()
        self.linear_q_k_v = nn.Linear(in_feat, 3 * D)
        self.linear_out = nn.Linear(D, D)
        self.fsmn_block = nn.Conv1d(D, D, KERNEL, groups=D, bias=False)
        self.pad = nn.ConstantPad1d(((KERNEL - 1) // 2, (KERNEL - 1) // 2), 0.0)

    def forward(self, x, keep, bias):
        n, t, _ = x.shape
        q, k, v = torch.split(self.linear_q_k_v(x), D, dim=-1)
        dk = D // HEADS
        qh = q.reshape(n, t, HEADS, dk).transpose(1, 2) * dk ** -0.5
        kh = k.reshape(n, t, HEADS, dk).transpose(1, 2)
        vh = v.reshape(n, t, HEADS, dk).transpose(1, 2)
        vm = v * keep
        mem = self.fsmn_block(self.pad(vm.transpose(1, 2))).transpose(1, 2) + vm
        att = torch.softmax(torch.matmul(qh, kh.transpose(-2, -1)) + bias, dim=-1)
        y = torch.matmul(att, vh).transpose(1, 2).reshape(n, t, D)
        return self.linear_out(y) + mem * keep


class SanmLayer(nn.Module):
    def __init__(self, in_size):
        super().__init__()
        self.in_size = in_size
        self.norm1 = nn.LayerNorm(in_size)
        self.self_attn = SanmAttention(in_size)
        self.norm2 = nn.LayerNorm(D)
        self.w_1 = nn.Linear(D, FFN)
        self.w_2 = nn.Linear(FFN, D)

    def forward(self, x, keep, bias):
        y = self.self_attn(self.norm1(x), keep, bias)
        x = x + y if self.in_size == D else y
        return x + self.w_2(torch.relu(self.w_1(self.norm2(x))))


class SenseVoiceSmallShape(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(16, FEAT)
        self.encoders0 = nn.ModuleList([SanmLayer(FEAT)])
        self.encoders = nn.ModuleList([SanmLayer(D) for _ in range(BLOCKS - 1)])
        self.after_norm = nn.LayerNorm(D)
        self.tp_encoders = nn.ModuleList([SanmLayer(D) for _ in range(TP_BLOCKS)])
        self.tp_norm = nn.LayerNorm(D)
        self.ctc_lo = nn.Linear(D, VOCAB)

    def forward(self, x, x_length, language, text_norm):
        n = x.shape[0]
        lang = language.long().reshape(n, 1)
        tn = text_norm.long().reshape(n, 1)
        one = torch.ones_like(lang)
        x = torch.cat([self.embed(torch.cat([lang, one, one + 1, tn], dim=1)), x], dim=1)
        t = x.shape[1]
        keep_b = torch.arange(t).unsqueeze(0) < (x_length.long().reshape(n, 1) + 4)
        keep = keep_b.unsqueeze(2).to(x.dtype)
        bias = (1.0 - keep_b.to(x.dtype)).reshape(n, 1, 1, t) * -10000.0
        x = x * math.sqrt(D)
        # FunASR SinusoidalPositionEncoder: 1-based positions, depth = input dim (560), [sin | cos]
        pos = torch.arange(1, t + 1, dtype=torch.float32).reshape(1, t, 1)
        inc = math.log(10000.0) / (FEAT / 2 - 1)
        inv = torch.exp(torch.arange(FEAT // 2, dtype=torch.float32) * -inc).reshape(1, 1, -1)
        x = x + torch.cat([torch.sin(pos * inv), torch.cos(pos * inv)], dim=2)
        for layer in self.encoders0:
            x = layer(x, keep, bias)
        for layer in self.encoders:
            x = layer(x, keep, bias)
        x = self.after_norm(x)
        for layer in self.tp_encoders:
            x = layer(x, keep, bias)
        return self.ctc_lo(self.tp_norm(x))


def metadata():
    i = np.arange(FEAT)
    # plausible CMVN shapes (SenseVoice's am.mvn spans about -15..-8 and 0.14..0.16); values are arbitrary
    neg_mean = -11.5 + 3.0 * np.cos(i % 80 / 80 * math.pi)
    inv_std = 0.15 + 0.006 * np.sin(i % 80 / 13.0)
    return {
        "model_type": "sense_voice_ctc", "version": "2", "model_author": "earshot (random weights)",
        "maintainer": "earshot", "url": "", "comment": "earshot SenseVoiceSmall-sized random model for benchmarks",
        "vocab_size": str(VOCAB), "blank_id": "0", "lfr_window_size": "7", "lfr_window_shift": "6",
        "normalize_samples": "0", "neg_mean": ",".join(f"{v:.6f}" for v in neg_mean),
        "inv_stddev": ",".join(f"{v:.7f}" for v in inv_std), "with_itn": "14", "without_itn": "15",
        "lang_auto": "0", "lang_zh": "3", "lang_en": "4", "lang_yue": "7", "lang_ja": "11", "lang_ko": "12",
        "lang_nospeech": "13",
    }


def set_metadata(model, meta):
    del model.metadata_props[:]
    for k, v in meta.items():
        p = model.metadata_props.add()
        p.key, p.value = k, v


def quantize_matmul_weights(model):
    """MatMul(A, W) with W a 2-D initializer -> DynamicQuantizeLinear(A), MatMulInteger(Aq, Wq, Azp, Wzp),
    Cast, Mul(A_scale * W_scale): the graph onnxruntime's quantize_dynamic writes (per-tensor uint8 weights)."""
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    new_nodes, drop = [], set()
    count = 0
    for node in g.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" else None
        if w is None or len(w.dims) != 2:
            new_nodes.append(node)
            continue
        a, out, base = node.input[0], node.output[0], f"{node.input[1]}_q{count}"
        count += 1
        wf = numpy_helper.to_array(w).astype(np.float32)
        rmin, rmax = min(float(wf.min()), 0.0), max(float(wf.max()), 0.0)
        scale = (rmax - rmin) / 255.0 if rmax > rmin else 1.0
        zp = int(np.clip(round(-rmin / scale), 0, 255))
        wq = np.clip(np.round(wf / scale) + zp, 0, 255).astype(np.uint8)
        g.initializer.extend([
            numpy_helper.from_array(wq, base + "_quantized"),
            numpy_helper.from_array(np.array(scale, dtype=np.float32), base + "_scale"),
            numpy_helper.from_array(np.array(zp, dtype=np.uint8), base + "_zero_point"),
        ])
        drop.add(w.name)
        new_nodes += [
            helper.make_node("DynamicQuantizeLinear", [a], [a + f"_{base}_q", a + f"_{base}_s", a + f"_{base}_z"],
                             name=base + "_dql"),
            helper.make_node("MatMulInteger", [a + f"_{base}_q", base + "_quantized", a + f"_{base}_z",
                                               base + "_zero_point"], [base + "_i32"], name=base + "_mmi"),
            helper.make_node("Cast", [base + "_i32"], [base + "_f"], to=TensorProto.FLOAT, name=base + "_cast"),
            helper.make_node("Mul", [a + f"_{base}_s", base + "_scale"], [base + "_sc"], name=base + "_scmul"),
            helper.make_node("Mul", [base + "_f", base + "_sc"], [out], name=base + "_mul"),
        ]
    # keep weights still used by other nodes (none in this graph, but be safe)
    used = {i for n in new_nodes for i in n.input}
    keep = [t for t in g.initializer if t.name not in drop or t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    del g.node[:]
    g.node.extend(new_nodes)
    return count


def write_tokens(path):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(VOCAB):
            if i == 0:
                p = "<unk>"
            elif i == 1:
                p = "<s>"
            elif i == 2:
                p = "</s>"
            elif i in SPECIAL:
                p = SPECIAL[i]
            elif i >= 24884:
                p = f"<|tag{i}|>"
            else:
                p = (f"\u2581w{i}" if i % 3 == 0 else f"p{i}")
            f.write(f"{p} {i}\n")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


CHECK_JS = r"""
const ort = require('onnxruntime-node'); const sherpa = require('sherpa-onnx-node'); const path = require('path');
const dir = process.argv[1];
(async () => {
  for (const f of ['model.onnx', 'model.int8.onnx']) {
    const s = await ort.InferenceSession.create(path.join(dir, f), { intraOpNumThreads: 1 });
    const T = 167; const x = new Float32Array(T * 560).map((_, i) => Math.sin(i * 0.37));
    let t0 = Date.now();
    const out = await s.run({ x: new ort.Tensor('float32', x, [1, T, 560]), x_length: new ort.Tensor('int32', Int32Array.from([T]), [1]),
      language: new ort.Tensor('int32', Int32Array.from([0]), [1]), text_norm: new ort.Tensor('int32', Int32Array.from([15]), [1]) });
    const ortMs = Date.now() - t0;
    const l = out.logits; let finite = true; for (let i = 0; i < l.data.length; i += 997) if (!Number.isFinite(l.data[i])) finite = false;
    const rec = new sherpa.OfflineRecognizer({ featConfig: { sampleRate: 16000, featureDim: 80 },
      modelConfig: { senseVoice: { model: path.join(dir, f), language: '', useInverseTextNormalization: 1 },
        tokens: path.join(dir, 'tokens.txt'), numThreads: 1 } });
    const st = rec.createStream(); const n = 160000; const w = new Float32Array(n).map((_, i) => 0.1 * Math.sin(i * 0.05));
    st.acceptWaveform({ sampleRate: 16000, samples: w }); t0 = Date.now(); rec.decode(st); const r = rec.getResult(st);
    console.log(JSON.stringify({ file: f, ortDims: l.dims, finite, ortMs, sherpaMs: Date.now() - t0,
      sherpaTokens: r.tokens.length, lang: r.lang, emotion: r.emotion, event: r.event }));
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "models", ".cache", "sensevoice-small-random"))
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--check", action="store_true", help="run both files in onnxruntime-node and sherpa-onnx-node")
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    fp32 = os.path.join(args.out, "model.onnx")
    int8 = os.path.join(args.out, "model.int8.onnx")
    tokens = os.path.join(args.out, "tokens.txt")
    manifest_path = os.path.join(args.out, "manifest.json")
    if args.force or not all(os.path.exists(p) for p in (fp32, int8, tokens, manifest_path)):
        t0 = time.time()
        torch.manual_seed(0)
        model = SenseVoiceSmallShape().eval()
        params = sum(p.numel() for p in model.parameters())
        print(f"parameters {params}", flush=True)
        tmp = fp32 + ".tmp"
        with torch.no_grad():
            torch.onnx.export(
                model, (torch.randn(1, 20, FEAT), torch.tensor([20], dtype=torch.int32),
                        torch.tensor([0], dtype=torch.int32), torch.tensor([15], dtype=torch.int32)),
                tmp, opset_version=13, do_constant_folding=True,
                input_names=["x", "x_length", "language", "text_norm"], output_names=["logits"],
                dynamic_axes={"x": {0: "N", 1: "T"}, "x_length": {0: "N"}, "language": {0: "N"},
                              "text_norm": {0: "N"}, "logits": {0: "N", 1: "T_plus_4"}})
        del model
        print(f"exported in {time.time() - t0:.0f}s", flush=True)
        m = onnx.load(tmp)
        set_metadata(m, metadata())
        onnx.save(m, tmp)
        os.replace(tmp, fp32)
        n = quantize_matmul_weights(m)
        set_metadata(m, metadata())
        onnx.save(m, int8 + ".tmp")
        os.replace(int8 + ".tmp", int8)
        del m
        print(f"quantised {n} MatMuls; {time.time() - t0:.0f}s", flush=True)
        write_tokens(tokens)
        manifest = {
            "name": "sensevoice-small-random", "task": "asr", "format": "sensevoice-sherpa", "version": "1",
            "description": f"SenseVoiceSmall-sized model with random weights ({params} parameters) for benchmarks; "
                           "its transcripts are meaningless",
            "files": [
                {"role": "model", "path": "model.int8.onnx", "sha256": sha256(int8), "bytes": os.path.getsize(int8)},
                {"role": "tokens", "path": "tokens.txt", "sha256": sha256(tokens), "bytes": os.path.getsize(tokens)},
                {"role": "model-fp32", "path": "model.onnx", "sha256": sha256(fp32), "bytes": os.path.getsize(fp32)},
            ],
            "frontend": {"sampleRate": 16000, "featureDim": 80, "frameLengthMs": 25, "frameShiftMs": 10,
                         "window": "hamming", "dither": 0, "lfrM": 7, "lfrN": 6, "cmvn": "metadata"},
            "labels": {"languages": ["zh", "en", "yue", "ja", "ko"]},
            "licence": "generated by the project (random weights); Apache-2.0 like the code",
            "source": "scripts/models/make_sensevoice_small_random.py",
        }
        with open(manifest_path, "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        print(f"wrote {args.out} in {time.time() - t0:.0f}s: fp32 {os.path.getsize(fp32)} B, "
              f"int8 {os.path.getsize(int8)} B", flush=True)
    else:
        print(f"{args.out} is up to date (use --force to regenerate)")
    if args.check:
        r = subprocess.run(["node", "-e", CHECK_JS, args.out], cwd=REPO)
        sys.exit(r.returncode)


if __name__ == "__main__":
    main()
