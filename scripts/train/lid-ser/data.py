"""Reads a manifest (ser.csv / lid.csv) of the shared data dir into memory: 16 kHz mono float32 clips, TRAIN and VAL
as given (speaker-independent). The decoded audio is cached in .cache/<task>-audio.npz (gitignored) so reruns skip
the FLAC decode; the cache is derived data and is never committed."""
import csv
import json
import os

import numpy as np
import soundfile as sf

SR = 16000
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def shared_data():
    return os.environ.get("EARSHOT_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))


def load_rows(task):
    root = shared_data()
    with open(os.path.join(root, "manifests", f"{task}.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    cache = os.path.join(HERE, ".cache")
    os.makedirs(cache, exist_ok=True)
    npz = os.path.join(cache, f"{task}-audio.npz")
    index = os.path.join(cache, f"{task}-index.json")
    paths = [r["path"] for r in rows]
    if os.path.exists(npz) and os.path.exists(index) and json.load(open(index)) == paths:
        z = np.load(npz)
        for i, r in enumerate(rows):
            r["audio"] = z[str(i)].astype(np.float32) / 32768.0
        return rows
    store = {}
    for i, r in enumerate(rows):
        x, sr = sf.read(os.path.join(root, r["path"]), dtype="int16", always_2d=True)
        if sr != SR:
            raise SystemExit(f"{r['path']}: {sr} Hz, expected {SR}")
        store[str(i)] = x.mean(axis=1).astype(np.int16)
        r["audio"] = store[str(i)].astype(np.float32) / 32768.0
    np.savez(npz, **store)
    json.dump(paths, open(index, "w"))
    return rows


def load_fsdd(every):
    """English digits from FSDD (8 kHz, resampled to 16 kHz here) as extra LID rows: every `every`-th clip of each
    split. lid.csv ties English to one corpus (RAVDESS); a second English corpus with another channel keeps the model
    from learning "RAVDESS channel = en". FSDD VAL shares speakers with TRAIN (other takes), so it is a corpus check,
    not a speaker-independent one."""
    import torch
    import torchaudio
    root = shared_data()
    with open(os.path.join(root, "manifests", "fsdd.csv"), newline="") as f:
        rows = [r for i, r in enumerate(csv.DictReader(f)) if i % every == 0]
    out = []
    for r in rows:
        x, sr = sf.read(os.path.join(root, r["path"]), dtype="float32", always_2d=True)
        y = torchaudio.functional.resample(torch.from_numpy(x.mean(axis=1))[None], sr, SR)[0].numpy()
        # through int16 like every other clip (and like the TS decoder's output of a 16-bit file)
        y = np.round(np.clip(y, -1, 1) * 32767).astype(np.int16).astype(np.float32) / 32768.0
        out.append({"path": r["path"], "label": "en", "group": f"fsdd:{r['speaker']}", "split": r["split"],
                    "dataset": "fsdd", "audio": y})
    return out
