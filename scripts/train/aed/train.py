"""Trains the AED event model, calibrates the cry threshold on val, exports ONNX + manifest + metrics.

  /usr/bin/python3 scripts/train/aed/prepare.py          # split + decoded-audio cache (.cache/, gitignored)
  /usr/bin/python3 scripts/train/aed/featurize.py        # log-mel variants cache (exact TS front-end)
  /usr/bin/python3 scripts/train/aed/train.py            # ~25 min on 1 thread of a busy box; writes models/aed-events/*

Seeded (numpy + torch); the same cache and command give the same model on the same machine.
"""
import argparse
import base64
import hashlib
import json
import math
import os
import time
from collections import Counter, defaultdict

import numpy as np
import torch

from augment import FeatureAugmenter
from evaluate import HOP_S, MIN_S, SILENCE_DBFS, SMOOTH_FRAMES, WINDOW_S, pad_min, score_features
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from batch_fbank import check_fbank  # noqa: E402
from model import LABELS, TIME_STRIDE, AedNet

SEED = 1234
N_MELS = 64
MAX_FA = 0.01
CRY = LABELS.index("Cry")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def load_cache(cache):
    rows = json.load(open(os.path.join(cache, "split.json")))
    z = np.load(os.path.join(cache, "audio.npz"))
    f = np.load(os.path.join(cache, "feats.npz"))
    for i, r in enumerate(rows):
        r["audio"] = z[str(i)].astype(np.float32) / 32768.0
        variants = ("orig", "bl", "rev", "revbl") if r["split"] == "train" else ("orig", "bl")
        r["feats"] = {v: f[f"{i}/{v}"] for v in variants}
    return rows, f["noise_unit"]


def feature_stats(rows):
    acc, acc2, n = np.zeros(N_MELS), np.zeros(N_MELS), 0
    for r in rows:
        for v in ("orig", "bl"):
            x = r["feats"][v].astype(np.float64)
            acc += x.sum(0)
            acc2 += (x * x).sum(0)
            n += len(x)
    mean = acc / n
    std = np.sqrt(np.maximum(acc2 / n - mean * mean, 1e-4))
    return torch.tensor(mean, dtype=torch.float32), torch.tensor(std, dtype=torch.float32)


def evaluate(model, rows):
    model.eval()
    out = []
    for r in rows:
        x = pad_min(r["audio"])
        s, fs, silent = score_features(model, r["feats"]["orig"], x, len(LABELS))
        s8, fs8, _ = score_features(model, r["feats"]["bl"], x, len(LABELS))
        # "scores": pooled clip scores (top label); "cry"/"cry_8k": the cry score (smoothed frame score of Cry)
        out.append({"path": r["path"], "event": r["event"], "label": r["label"], "dataset": r["dataset"],
                    "scores": s.tolist(), "scores_8k": s8.tolist(), "cry": float(fs[CRY]), "cry_8k": float(fs8[CRY]),
                    "silent": silent})
    model.train()
    return out


def choose_threshold(results):
    neg = [r for r in results if r["event"] != "Cry"]
    allowed = int(math.floor(MAX_FA * len(neg)))
    # both the clips as recorded and their band-limited copies must stay within the false-alarm budget
    cands = sorted(set([r["cry"] for r in neg] + [r["cry_8k"] for r in neg]))
    for t in [0.0] + [c + 1e-6 for c in cands]:
        fa1 = sum(r["cry"] >= t for r in neg)
        fa2 = sum(r["cry_8k"] >= t for r in neg)
        if fa1 <= allowed and fa2 <= allowed:
            return float(t)
    return 1.0


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(results, threshold):
    rep = {"threshold": threshold}
    for key in ("cry", "cry_8k"):
        pos = [r for r in results if r["event"] == "Cry"]
        neg = [r for r in results if r["event"] != "Cry"]
        tp = sum(r[key] >= threshold for r in pos)
        fp = sum(r[key] >= threshold for r in neg)
        p, rc, f1 = prf(tp, fp, len(pos) - tp)
        fa_by = defaultdict(lambda: [0, 0])
        for r in neg:
            k = r["label"] if r["event"] == "other" and r["label"] in ("dog", "dog_howl") else r["event"]
            fa_by[k][0] += int(r[key] >= threshold)
            fa_by[k][1] += 1
        rec_by = defaultdict(lambda: [0, 0])
        for r in pos:
            rec_by[r["dataset"]][0] += int(r[key] >= threshold)
            rec_by[r["dataset"]][1] += 1
        rep["cry" if key == "cry" else "cry_bandlimited_8k"] = {
            "positives": len(pos), "negatives": len(neg), "tp": tp, "fp": fp, "precision": round(p, 4),
            "recall": round(rc, 4), "f1": round(f1, 4), "false_alarm_rate": round(fp / max(1, len(neg)), 4),
            "false_alarms_by_group": {k: f"{v[0]}/{v[1]}" for k, v in sorted(fa_by.items())},
            "recall_by_corpus": {k: f"{v[0]}/{v[1]}" for k, v in sorted(rec_by.items())},
        }
    # argmax label (what `classify --task aed` prints), per class precision/recall
    per = {}
    for i, c in enumerate(LABELS):
        tp = sum(1 for r in results if r["event"] == c and int(np.argmax(r["scores"])) == i)
        fp = sum(1 for r in results if r["event"] != c and int(np.argmax(r["scores"])) == i)
        n = sum(1 for r in results if r["event"] == c)
        p, rc, f1 = prf(tp, fp, n - tp)
        per[c] = {"n": n, "precision": round(p, 3), "recall": round(rc, 3), "f1": round(f1, 3)}
    rep["per_class_argmax"] = per
    rep["accuracy_argmax"] = round(sum(LABELS[int(np.argmax(r["scores"]))] == r["event"] for r in results)
                                   / len(results), 4)
    return rep


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def b64(t):
    return base64.b64encode(t.detach().numpy().astype("<f4").tobytes()).decode()


def export(model, out_dir, fixture_path):
    model.eval()
    onnx_path = os.path.join(out_dir, "model.onnx")
    dummy = torch.randn(1, 500, N_MELS)
    torch.onnx.export(model, dummy, onnx_path, opset_version=13, input_names=["features"],
                      output_names=["frame_probs", "clip_probs"],
                      dynamic_axes={"features": {0: "batch", 1: "time"}, "frame_probs": {0: "batch", 1: "frames"},
                                    "clip_probs": {0: "batch"}})
    # parity fixture for the Node check: torch outputs on seeded log-mel-like inputs
    g = torch.Generator().manual_seed(7)
    cases = []
    for n, t in ((1, 203), (2, 100)):
        x = model.mean + torch.randn(n, t, N_MELS, generator=g) * 3.0
        with torch.no_grad():
            fr, cl = model(x)
        cases.append({"dims": [n, t, N_MELS], "features": b64(x), "frameDims": list(fr.shape), "frameProbs": b64(fr),
                      "clipDims": list(cl.shape), "clipProbs": b64(cl)})
    os.makedirs(os.path.dirname(fixture_path), exist_ok=True)
    with open(fixture_path, "w") as f:
        json.dump({"model": "models/aed-events/model.onnx", "dtype": "float32-le-base64", "cases": cases}, f)
    return onnx_path


def train_loop(model, train, val, noise_unit, rng, args, ckpt):
    aug = FeatureAugmenter([(r["event"], r["dataset"], r["feats"]) for r in train], noise_unit, rng)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.max_lr, total_steps=args.steps, pct_start=0.1)
    t0, run = time.time(), 0.0
    model.train()
    for step in range(1, args.steps + 1):
        frames = int(rng.choice([298, 398, 498, 498]))
        items = [aug.item(frames) for _ in range(args.batch)]
        x = torch.from_numpy(np.stack([i[0] for i in items]))
        y = torch.from_numpy(np.stack([i[1] for i in items]))
        w = torch.from_numpy(np.stack([i[2] for i in items]))
        _, clip = model(x)
        bce = torch.nn.functional.binary_cross_entropy(clip.clamp(1e-6, 1 - 1e-6), y, reduction="none")
        loss = (bce * w).sum() / w.sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        run = 0.98 * run + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0:
            print(f"step {step} loss {run:.4f} {time.time() - t0:.0f}s", flush=True)
            torch.save(model.state_dict(), ckpt)
        if args.eval_every and step % args.eval_every == 0 and step < args.steps:
            res = evaluate(model, val)
            rep = report(res, choose_threshold(res))
            print("eval", step, json.dumps({k: rep[k] for k in ("threshold", "accuracy_argmax")}),
                  json.dumps(rep["cry"]), json.dumps(rep["cry_bandlimited_8k"]), flush=True)
    torch.save(model.state_dict(), ckpt)
    model.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache"))
    ap.add_argument("--out", default=os.path.join(REPO, "models", "aed-events"))
    ap.add_argument("--steps", type=int, default=1800)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--eval-every", type=int, default=600)
    ap.add_argument("--fixture", default=os.path.join(REPO, "libs", "inference", "src", "classifiers", "__fixtures__",
                                                      "aed-parity.json"), help="where the Node parity fixture goes")
    ap.add_argument("--init", help="warm start from this state dict (second stage)")
    ap.add_argument("--max-lr", type=float, default=3e-3)
    ap.add_argument("--tag", default="", help="suffix of the checkpoint / val-score files in the cache")
    ap.add_argument("--export-only", action="store_true", help="skip training, export .cache/model.pt")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    check_fbank(N_MELS)
    rows, noise_unit = load_cache(args.cache)
    train = [r for r in rows if r["split"] == "train"]
    val = [r for r in rows if r["split"] == "val"]
    print("train", Counter(r["event"] for r in train), "\nval", Counter(r["event"] for r in val), flush=True)
    mean, std = feature_stats(train)
    model = AedNet(N_MELS, len(LABELS), mean, std)
    print("params", sum(p.numel() for p in model.parameters()), flush=True)
    ckpt = os.path.join(args.cache, f"model-{args.steps}{args.tag}.pt")
    t0 = time.time()
    if args.init:
        model.load_state_dict(torch.load(args.init))
    if args.export_only:
        model.load_state_dict(torch.load(ckpt))
    else:
        train_loop(model, train, val, noise_unit, rng, args, ckpt)
    train_seconds = time.time() - t0
    results = evaluate(model, val)
    thr = choose_threshold(results)
    rep = report(results, thr)
    print(json.dumps(rep, indent=1), flush=True)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = export(model, args.out, args.fixture)
    with open(os.path.join(args.cache, f"val_scores-{args.steps}{args.tag}.json"), "w") as f:
        json.dump(results, f)
    card_metrics = {"val_cry_recall": rep["cry"]["recall"], "val_cry_precision": rep["cry"]["precision"],
                    "val_cry_f1": rep["cry"]["f1"], "val_cry_false_alarm_rate": rep["cry"]["false_alarm_rate"],
                    "val_accuracy_argmax": rep["accuracy_argmax"]}
    manifest = {
        "name": "aed-events",
        "task": "aed",
        "format": "classifier",
        "version": "1",
        "description": "Audio events (Cry, Laughter, Cough, Sneeze, Applause, Breath, BGM, Speech, other) with "
                       "frame-level outputs (40 ms) and a calibrated cry score",
        "files": [{"role": "model", "path": "model.onnx", "sha256": sha256(onnx_path),
                   "bytes": os.path.getsize(onnx_path)}],
        "frontend": {"sampleRate": 16000, "featureDim": N_MELS, "frameLengthMs": 25, "frameShiftMs": 10,
                     "window": "hamming", "dither": 0, "cmvn": "none"},
        "labels": {"events": LABELS},
        "licence": "CC-BY-NC-3.0 (non-commercial: trained on ESC-50 CC BY-NC 3.0, RAVDESS and emotiontts "
                   "CC BY-NC-SA; also donateacry ODbL/DbCL, covid19-cough CC0, FSDD CC BY 4.0, librosa data)",
        "card": "README.md",
        "source": "scripts/train/aed (prepare.py, featurize.py, train.py)",
        "metrics": card_metrics,
        "classifier": {
            "fbank": {"lowFreq": 20, "highFreq": 0, "preemphCoeff": 0.97, "removeDcOffset": True,
                      "sampleScale": 32768, "snipEdges": True},
            "normalization": "in-graph per-bin mean/std of train log-mel",
            "input": "features", "layout": "NTF", "frameOutput": "frame_probs", "clipOutput": "clip_probs",
            "applyActivation": "none", "multiLabel": True, "frameStride": TIME_STRIDE,
            "frameScoreSmoothing": SMOOTH_FRAMES,
            "labels": LABELS,
            "windowing": {"windowSeconds": WINDOW_S, "hopSeconds": HOP_S, "minSeconds": MIN_S,
                          "silenceRmsDbfs": SILENCE_DBFS, "aggregate": "max"},
            "thresholds": {**{c: 0.5 for c in LABELS}, "Cry": round(thr, 6)},
            "timeline": {"mergeGapSeconds": 0.2, "minDurationSeconds": 0.12},
            "cry": {"label": "Cry", "threshold": round(thr, 6),
                    "score": "frames", "smoothingFrames": SMOOTH_FRAMES,
                    "scoreNote": "max over windows and time of the 1 s moving average of the Cry frame probability",
                    "calibration": f"lowest threshold with <= {MAX_FA:.0%} false alarms on val non-cry clips, "
                                   "as recorded and band-limited through 8 kHz"},
        },
        "training": {"script": "scripts/train/aed/train.py", "steps": args.steps, "batch": args.batch,
                     "seed": SEED, "maxLr": args.max_lr, "init": os.path.basename(args.init) if args.init else None,
                     "seconds": round(train_seconds)},
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "val-metrics.json"), "w") as f:
        json.dump(rep, f, indent=2)
        f.write("\n")
    print("wrote", args.out, os.path.getsize(onnx_path), "bytes", flush=True)


if __name__ == "__main__":
    main()
