"""Builds the AED split and decodes every clip it uses into one cache file.

Split (seeded, reproducible): events.csv has only a train split, so its rows are split BY GROUP (source recording /
app install / track) into train and val, stratified by stratum = event (+ dataset for Cry so the full-band ESC-50
cries reach val, + fine label for `other` so dogs, birds, ... reach val). About 20 % of each stratum's groups go to
val, at least one group when a stratum has >= 2 groups. Speech comes from ser.csv + lid.csv (deduplicated by path)
and fsdd.csv, using THEIR train/val rows as they are. A clip whose path is a train row of any manifest is never val.

Usage: /usr/bin/python3 scripts/train/aed/prepare.py [--data DIR] [--out scripts/train/aed/.cache]
"""
import argparse
import csv
import json
import os
import random
from collections import defaultdict

import numpy as np
import soundfile as sf
import torch
import torchaudio

SEED = 20261128
VAL_FRACTION = 0.2
FSDD_TRAIN_KEEP = 700  # digits are short and many; keep speech from dominating the batches


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def split_events(rows, rng):
    strata = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["event"] == "Cry":
            key = f"Cry/{r['dataset']}"
        elif r["event"] == "other":
            key = f"other/{r['label']}"
        else:
            key = r["event"]
        strata[key][r["group"]].append(r)
    out = []
    for key in sorted(strata):
        groups = sorted(strata[key])
        rng.shuffle(groups)
        n_val = 0 if len(groups) < 2 else max(1, round(len(groups) * VAL_FRACTION))
        # Speech rows of events.csv are lid.csv train rows too: keep them in train.
        if key == "Speech":
            n_val = 0
        val_groups = set(groups[:n_val])
        for g in groups:
            for r in strata[key][g]:
                out.append({"path": r["path"], "event": r["event"], "label": r["label"], "group": r["group"],
                            "dataset": r["dataset"], "split": "val" if g in val_groups else "train"})
    return out


def speech_rows(data, rng):
    rows = {}
    for name in ("ser", "lid"):
        for r in read_csv(os.path.join(data, "manifests", f"{name}.csv")):
            if r["path"] in rows:
                continue
            rows[r["path"]] = {"path": r["path"], "event": "Speech", "label": f"speech_{r['dataset']}",
                               "group": r["group"], "dataset": r["dataset"], "split": r["split"]}
    fsdd = read_csv(os.path.join(data, "manifests", "fsdd.csv"))
    train = [r for r in fsdd if r["split"] == "train"]
    rng.shuffle(train)
    keep = train[:FSDD_TRAIN_KEEP] + [r for r in fsdd if r["split"] == "val"]
    for r in keep:
        rows[r["path"]] = {"path": r["path"], "event": "Speech", "label": "speech_fsdd",
                           "group": f"fsdd:{r['speaker']}", "dataset": "fsdd", "split": r["split"]}
    return list(rows.values())


def load_16k(path):
    x, sr = sf.read(path, dtype="float32", always_2d=True)
    x = x.mean(axis=1)
    if sr != 16000:
        x = torchaudio.functional.resample(torch.from_numpy(x), sr, 16000).numpy()
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("EARSHOT_SHARED_DATA", os.path.join(repo, "..", "shared", "data")))
    ap.add_argument("--out", default=os.path.join(here, ".cache"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    rng = random.Random(SEED)
    events = split_events(read_csv(os.path.join(args.data, "manifests", "events.csv")), rng)
    speech = speech_rows(args.data, rng)
    train_paths = {r["path"] for r in events + speech if r["split"] == "train"}
    rows = events + [r for r in speech if not (r["split"] == "val" and r["path"] in train_paths)]
    # No group in both splits.
    by_group = defaultdict(set)
    for r in rows:
        by_group[r["group"]].add(r["split"])
    leaked = [g for g, s in by_group.items() if len(s) > 1 and not g.startswith(("ravdess", "korean", "fsdd", "emotiontts"))]
    assert not leaked, leaked
    os.makedirs(args.out, exist_ok=True)
    audio = {}
    for i, r in enumerate(rows):
        audio[r["path"]] = load_16k(os.path.join(args.data, r["path"]))
        if i % 500 == 0:
            print(f"decoded {i}/{len(rows)}", flush=True)
    np.savez(os.path.join(args.out, "audio.npz"), **{str(i): audio[r["path"]] for i, r in enumerate(rows)})
    with open(os.path.join(args.out, "split.json"), "w") as f:
        json.dump(rows, f, indent=0)
    with open(os.path.join(here, "split.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["path", "event", "label", "group", "dataset", "split"])
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: (r["split"], r["event"], r["path"])))
    from collections import Counter
    print(Counter((r["split"], r["event"]) for r in rows))


if __name__ == "__main__":
    main()
