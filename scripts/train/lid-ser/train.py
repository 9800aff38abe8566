"""Trains the LID (en/ko) or SER (neutral/happy/sad/angry) clip classifier on TRAIN, reports on VAL exactly as the
TS runtime scores a clip, exports ONNX + manifest (package.py) + metrics + a Node parity fixture.

  /usr/bin/python3 scripts/train/lid-ser/train.py --task ser     # writes models/ser-4class/*
  /usr/bin/python3 scripts/train/lid-ser/train.py --task lid     # writes models/lid-en-ko/*

Seeded (numpy + torch, one thread); the same data and command give the same model on the same machine. Within a
run there is no model selection on VAL (the last step ships). Between runs, VAL was used to choose the SER
configuration among four tried (CNN 900 steps: UA 0.47; stats+MLP with heavy dropout: 0.55; stats-light 6000 steps:
0.58; stats-light 3000 steps: 0.63, shipped), so the SER VAL figure is somewhat optimistic.

Augmentation on the waveform (precomputed copies per clip, cached in .cache/): speed 0.9/1.0/1.1, gain +-12 dB,
additive white/brown noise at 5..35 dB SNR, band-limiting (low-pass 3.4..7 kHz, sometimes telephone high-pass);
then fbank (exact TS front-end). LID (CNN): per step a random crop and SpecAugment-style masks, batches balanced by
language then corpus. SER (StatsNet): pooled statistics of every copy (whole clip + two random crops) are computed
once and the MLP trains on them with (corpus, label)-balanced batches, so the model cannot lean on corpus
frequencies (RAVDESS has half as many neutral clips as other emotions).
"""
import argparse
import base64
import hashlib
import json
import os
import time
from collections import defaultdict

import numpy as np
import torch
import torchaudio

from data import HERE, REPO, SR, load_fsdd, load_rows
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import clip_windows  # noqa: E402
from batch_fbank import BatchFbank, check_fbank  # noqa: E402
from model import ClipNet, StatsNet

N_MELS = 64
WINDOW_S, HOP_S, MIN_S, SILENCE_DBFS = 8.0, 4.0, 1.0, -60.0
SHIFT, FRAME = 160, 400
TASKS = {
    "ser": {"labels": ["neutral", "happy", "sad", "angry"], "out": "ser-4class", "steps": 3000, "variants": 5, "arch": "stats-light",
            "batch": 64, "max_seconds": 6.0},
    "lid": {"labels": ["en", "ko"], "out": "lid-en-ko", "steps": 400, "variants": 3, "arch": "cnn", "batch": 16, "max_seconds": 3.0,
            "fsdd_every": 5, "balance": "label"},
}


def rms_dbfs(x):
    return clip_windows.rms_dbfs(x)


def windows(n):
    return clip_windows.windows(n, WINDOW_S, HOP_S, SHIFT, SR)


def pad_min(x):
    return clip_windows.pad_min(x, MIN_S, SR)


@torch.no_grad()
def score_clip(model, fb, x):
    """-> mean over non-silent windows of the softmax, or None when the clip is silent."""
    x = pad_min(x)
    if rms_dbfs(x) < SILENCE_DBFS:
        return None
    acc, used = 0, 0
    for s, e in windows(len(x)):
        if rms_dbfs(x[s:e]) < SILENCE_DBFS:
            continue
        f = fb(torch.from_numpy(x[s:e])[None] * 32768.0)
        acc = acc + model(f)[0].numpy()
        used += 1
    return acc / used if used else None


class Augmenter:
    """Waveform augmentation is done once, up front: VARIANTS random copies of every TRAIN clip (plus the clip as
    recorded) go through fbank and are kept as float16 log-mel; each step then draws a variant and a crop. The box
    is shared by several trainings and fbank per step was the bottleneck."""

    def __init__(self, rows, labels, rng, fb, variants, cache_path, balance="cell"):
        self.rng = rng
        self.cells = defaultdict(list)
        for r in rows:
            self.cells[(r["dataset"], r["label"])].append(r)
        self.keys = sorted(self.cells)
        self.labels = labels
        self.by_label = balance == "label"
        # label-balanced (LID): a label uniformly, then a corpus with weight sqrt(clips) (3 LibriSpeech excerpts
        # must not get a third of the English batches); cell-balanced (SER): every (corpus, label) cell alike
        w = np.array([np.sqrt(len(self.cells[k])) for k in self.keys])
        self.key_p = {l: None for l in labels}
        for l in labels:
            m = np.array([k[1] == l for k in self.keys], dtype=float) * w
            self.key_p[l] = m / m.sum() if m.sum() > 0 else None
        if os.path.exists(cache_path):
            z = np.load(cache_path)
            for i, r in enumerate(rows):
                r["feats"] = [z[f"{i}/{k}"] for k in range(variants + 1)]
            print("augmented features from", cache_path, flush=True)
            return
        # its own generator: a run from the cache and a run without draw the same training batches
        self.rng = np.random.default_rng(7919 + variants)
        t0 = time.time()
        for r in rows:
            x = torch.from_numpy(r["audio"])[None]
            # speed s: play 1/s as many samples at the same rate
            speeds = [torchaudio.functional.resample(x, 9, 10)[0].numpy(), r["audio"],
                      torchaudio.functional.resample(x, 11, 10)[0].numpy()]
            waves = [r["audio"]] + [self.wave(speeds[self.rng.choice(3, p=[0.3, 0.4, 0.3])]) for _ in range(variants)]
            # the runtime zero-pads clips under MIN_S before fbank: train on what it will see
            waves = [pad_min(w) for w in waves]
            r["feats"] = [fb(torch.from_numpy(w)[None] * 32768.0)[0].numpy().astype(np.float16) for w in waves]
            if len(self.cells) and id(r) == id(rows[len(rows) // 2]):
                print(f"half of the clips augmented {time.time() - t0:.0f}s", flush=True)
        print(f"augmented features {time.time() - t0:.0f}s", flush=True)
        np.savez(cache_path, **{f"{i}/{k}": f for i, r in enumerate(rows) for k, f in enumerate(r["feats"])})
        self.rng = rng

    def wave(self, x):
        x = x.astype(np.float64)
        level = np.sqrt(np.mean(x ** 2)) + 1e-9
        if self.rng.random() < 0.6:
            n = self.rng.standard_normal(len(x))
            if self.rng.random() < 0.4:  # brown-ish noise: more low end, like rooms and fans
                n = np.cumsum(n)
                c = np.concatenate([[0.0], np.cumsum(n)])
                n = n[399:] - (c[400:] - c[:-400]) / 400  # minus its 25 ms moving average: no DC drift
                n = np.concatenate([np.zeros(len(x) - len(n)), n])
            n *= level / (np.sqrt(np.mean(n ** 2)) + 1e-9) * 10 ** (-self.rng.uniform(5, 35) / 20)
            x = x + n
        if self.rng.random() < 0.4:
            spec = np.fft.rfft(x)
            f = np.fft.rfftfreq(len(x), 1 / SR)
            cut = self.rng.uniform(3400, 7000)
            g = 1 / (1 + (f / cut) ** 16)
            if self.rng.random() < 0.4:
                g = g / (1 + (300 / np.maximum(f, 1)) ** 8)
            x = np.fft.irfft(spec * g, len(x))
        x *= 10 ** (self.rng.uniform(-12, 12) / 20)
        return np.clip(x, -1, 1).astype(np.float32)

    def item(self, max_frames):
        if self.by_label:
            p = self.key_p[self.labels[self.rng.integers(len(self.labels))]]
            key = self.keys[self.rng.choice(len(self.keys), p=p)]
        else:
            key = self.keys[self.rng.integers(len(self.keys))]
        r = self.cells[key][self.rng.integers(len(self.cells[key]))]
        f = r["feats"][self.rng.integers(len(r["feats"]))]
        if len(f) > max_frames:
            s = self.rng.integers(0, len(f) - max_frames + 1)
            f = f[s:s + max_frames]
        return f.astype(np.float32), self.labels.index(r["label"])


def spec_augment(f, lengths, rng, p=0.5):
    for i in range(len(f)):
        if rng.random() < p:
            w = rng.integers(1, 9)
            f0 = rng.integers(0, N_MELS - w)
            f[i, :, f0:f0 + w] = f[i, : lengths[i]].mean()
        if rng.random() < p and lengths[i] > 60:
            w = rng.integers(5, 25)
            t0 = rng.integers(0, lengths[i] - w)
            f[i, t0:t0 + w] = f[i, : lengths[i]].mean(0)
    return f


def batch(aug, size, rng, max_frames, specaug=0.5):
    items = [aug.item(max_frames) for _ in range(size)]
    t = max(len(f) for f, _ in items)
    feats = torch.zeros(size, t, N_MELS)
    for i, (f, _) in enumerate(items):
        feats[i, : len(f)] = torch.from_numpy(f)
    lengths = torch.tensor([len(f) for f, _ in items])
    feats = spec_augment(feats, lengths.numpy(), rng, specaug)
    return feats, lengths, torch.tensor([y for _, y in items])


def train_cnn(model, aug, rng, steps, batch_size, max_frames, args, fb, val, labels):
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-2)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps, pct_start=0.15)
    t0, run = time.time(), None
    model.train()
    for step in range(1, steps + 1):
        feats, lengths, y = batch(aug, batch_size, rng, max_frames, args.specaug)
        loss = torch.nn.functional.cross_entropy(model.logits(feats, lengths), y, label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        run = loss.item() if run is None else 0.97 * run + 0.03 * loss.item()
        if step % 50 == 0:
            print(f"step {step} loss {run:.4f} {time.time() - t0:.0f}s", flush=True)
        if args.eval_every and step % args.eval_every == 0 and step < steps:
            rep = summarize(evaluate(model, fb, val, labels), labels)
            print("eval", step, json.dumps({"ua": rep["overall"]["unweighted_accuracy"],
                                             **{d: v["unweighted_accuracy"] for d, v in rep["per_corpus"].items()}}),
                  flush=True)


def train_stats_net(model, aug, rng, steps, batch_size):
    """StatsNet's statistics are computed in the graph, but training them per step is wasted work: the pooled
    vectors of every augmented copy (whole clip, and two random 1.5-3 s crops of it) are computed once, then the
    MLP trains on those with (corpus, label)-balanced minibatches."""
    xs, ys, cells = [], [], []
    with torch.no_grad():
        for ci, key in enumerate(aug.keys):
            for r in aug.cells[key]:
                for f in r["feats"]:
                    pieces = [f]
                    for _ in range(2):
                        n = int(rng.uniform(150, 300))
                        if len(f) > n + 10:
                            s0 = int(rng.integers(0, len(f) - n))
                            pieces.append(f[s0:s0 + n])
                    for p in pieces:
                        xs.append(model.stats(torch.from_numpy(p.astype(np.float32))[None])[0])
                        ys.append(aug.labels.index(r["label"]))
                        cells.append(ci)
    x = torch.stack(xs)
    y = torch.tensor(ys)
    cells = np.array(cells)
    by_cell = [np.flatnonzero(cells == c) for c in range(len(aug.keys))]
    print(f"stats vectors {tuple(x.shape)}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-2)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps, pct_start=0.15)
    model.train()
    run = None
    for step in range(1, steps + 1):
        idx = np.concatenate([rng.choice(by_cell[c], batch_size // len(by_cell)) for c in range(len(by_cell))])
        xb = x[idx] + 0.05 * torch.randn(len(idx), x.shape[1], generator=None)
        loss = torch.nn.functional.cross_entropy(model.net(xb), y[idx], label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        run = loss.item() if run is None else 0.97 * run + 0.03 * loss.item()
        if step % 500 == 0:
            print(f"step {step} loss {run:.4f}", flush=True)
    model.eval()


def feature_stats(rows, fb):
    acc, acc2, n = np.zeros(N_MELS), np.zeros(N_MELS), 0
    for r in rows:
        f = fb(torch.from_numpy(r["audio"])[None] * 32768.0)[0].double().numpy()
        acc += f.sum(0)
        acc2 += (f * f).sum(0)
        n += len(f)
    mean = acc / n
    std = np.sqrt(np.maximum(acc2 / n - mean * mean, 1e-4))
    return torch.tensor(mean, dtype=torch.float32), torch.tensor(std, dtype=torch.float32)


def evaluate(model, fb, rows, labels):
    model.eval()
    out = []
    for r in rows:
        s = score_clip(model, fb, r["audio"])
        out.append({"path": r["path"], "dataset": r["dataset"], "group": r["group"], "label": r["label"],
                    "scores": None if s is None else [round(float(v), 5) for v in s],
                    "pred": None if s is None else labels[int(np.argmax(s))]})
    model.train()
    return out


def summarize(results, labels):
    def block(rs):
        cm = [[0] * len(labels) for _ in labels]
        for r in rs:
            p = r["pred"] if r["pred"] is not None else labels[0]
            cm[labels.index(r["label"])][labels.index(p)] += 1
        recalls = {l: (cm[i][i] / sum(cm[i])) if sum(cm[i]) else None for i, l in enumerate(labels)}
        present = [v for v in recalls.values() if v is not None]
        return {"n": len(rs), "accuracy": round(sum(cm[i][i] for i in range(len(labels))) / max(1, len(rs)), 4),
                "unweighted_accuracy": round(sum(present) / max(1, len(present)), 4),
                "recall": {k: (None if v is None else round(v, 4)) for k, v in recalls.items()},
                "confusion": {"rows_true_cols_pred": labels, "matrix": cm}}
    rep = {"overall": block(results), "per_corpus": {}, "per_speaker_accuracy": {}}
    for d in sorted({r["dataset"] for r in results}):
        rep["per_corpus"][d] = block([r for r in results if r["dataset"] == d])
    for g in sorted({r["group"] for r in results}):
        rs = [r for r in results if r["group"] == g]
        rep["per_speaker_accuracy"][g] = round(sum(r["pred"] == r["label"] for r in rs) / len(rs), 4)
    return rep


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def b64(t):
    return base64.b64encode(t.detach().numpy().astype("<f4").tobytes()).decode()


def export(model, out_dir, fixture_path, name):
    model.eval()
    onnx_path = os.path.join(out_dir, "model.onnx")
    torch.onnx.export(model, torch.randn(1, 300, N_MELS), onnx_path, opset_version=13, input_names=["features"],
                      output_names=["probs"], dynamic_axes={"features": {0: "batch", 1: "time"}, "probs": {0: "batch"}})
    g = torch.Generator().manual_seed(7)
    cases = []
    for n, t in ((1, 203), (2, 100), (1, 40)):
        x = model.mean + torch.randn(n, t, N_MELS, generator=g) * 3.0
        with torch.no_grad():
            p = model(x)
        cases.append({"dims": [n, t, N_MELS], "features": b64(x), "probsDims": list(p.shape), "probs": b64(p)})
    os.makedirs(os.path.dirname(fixture_path), exist_ok=True)
    with open(fixture_path, "w") as f:
        json.dump({"model": f"models/{name}/model.onnx", "dtype": "float32-le-base64", "cases": cases}, f)
    return onnx_path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", choices=sorted(TASKS), required=True)
    ap.add_argument("--steps", type=int)
    ap.add_argument("--batch", type=int)
    ap.add_argument("--variants", type=int, help="augmented copies of each TRAIN clip (default per task)")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--max-seconds", type=float)
    ap.add_argument("--eval-every", type=int, default=0, help="print VAL figures during training (monitoring only)")
    ap.add_argument("--no-cmn", action="store_true")
    ap.add_argument("--specaug", type=float, default=0.5, help="probability of each SpecAugment mask")
    ap.add_argument("--arch", choices=["cnn", "stats", "stats-light"], help="default per task")
    ap.add_argument("--out")
    args = ap.parse_args()
    cfg = TASKS[args.task]
    labels = cfg["labels"]
    steps = args.steps or cfg["steps"]
    out_dir = args.out or os.path.join(REPO, "models", cfg["out"])
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    print("fbank parity vs kaldi:", check_fbank(N_MELS), flush=True)
    rows = [r for r in load_rows(args.task) if r["label"] in labels]
    if cfg.get("fsdd_every"):
        rows += load_fsdd(cfg["fsdd_every"])
    train = [r for r in rows if r["split"] == "train"]
    val = [r for r in rows if r["split"] == "val"]
    print(f"train {len(train)} val {len(val)}", flush=True)
    fb = BatchFbank(N_MELS)
    mean, std = feature_stats(train, fb)
    arch = args.arch or cfg["arch"]
    if arch == "stats":
        model = StatsNet(N_MELS, len(labels), mean, std)
    elif arch == "stats-light":  # wider, less dropout: the first stats model underfit (train loss ~1.29)
        model = StatsNet(N_MELS, len(labels), mean, std, hidden=256, dropout=(0.0, 0.1, 0.1))
    else:
        model = ClipNet(N_MELS, len(labels), mean, std, cmn=not args.no_cmn)
    variants = args.variants or cfg["variants"]
    cache = os.path.join(HERE, ".cache", f"{args.task}-feats-v{variants}-fsdd{cfg.get('fsdd_every', 0)}.npz")
    aug = Augmenter(train, labels, rng, fb, variants, cache, cfg.get("balance", "cell"))
    max_frames = int((args.max_seconds or cfg["max_seconds"]) * 100)
    batch_size = args.batch or cfg["batch"]
    t0 = time.time()
    if arch.startswith("stats"):
        train_stats_net(model, aug, rng, steps, batch_size)
    else:
        train_cnn(model, aug, rng, steps, batch_size, max_frames, args, fb, val, labels)
    train_secs = time.time() - t0
    results = evaluate(model, fb, val, labels)
    rep = summarize(results, labels)
    print(json.dumps(rep, indent=1), flush=True)
    os.makedirs(out_dir, exist_ok=True)
    name = cfg["out"]
    fixture = os.path.join(REPO, "libs", "inference", "src", args.task, "__fixtures__", f"{name}-parity.json")
    onnx_path = export(model, out_dir, fixture, name)
    with open(os.path.join(out_dir, "val-metrics.json"), "w") as f:
        json.dump({"task": args.task, "labels": labels, "arch": arch, "steps": steps, "seed": args.seed,
                   "train_seconds": round(train_secs), "train_clips": len(train), "val": rep,
                   "val_predictions": [{k: r[k] for k in ("path", "label", "pred", "scores")} for r in results]},
                  f, indent=1)
    from package import manifest  # package.py imports this module's constants
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest(args.task, out_dir), f, indent=2)
        f.write("\n")
    print("wrote", out_dir, os.path.getsize(onnx_path), "bytes", sha256(onnx_path), flush=True)


if __name__ == "__main__":
    main()
