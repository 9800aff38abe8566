"""Computes the log-mel cache the trainer samples from (the box is shared; recomputing fbank per step was too slow).

For every TRAIN clip four channel variants are stored: as recorded, band-limited through 8 kHz, reverberant
(seeded synthetic RIR), reverberant + band-limited. VAL clips get the as-recorded and band-limited variants.
Features are the exact TS front-end (fbank.BatchFbank == torchaudio kaldi.fbank), stored as float16 log-mel.
Short VAL clips are zero-padded to MIN_S before fbank, as the runtime does.

  /usr/bin/python3 scripts/train/aed/featurize.py   (after prepare.py)
"""
import json
import os
import time

import numpy as np
import torch
import torchaudio

from evaluate import MIN_S
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from batch_fbank import BatchFbank  # noqa: E402

SEED = 99
N_MELS = 64
SR = 16000
HERE = os.path.dirname(os.path.abspath(__file__))


def reverb(x, rng):
    rt60 = rng.uniform(0.15, 0.8)
    n = int(SR * min(1.0, rt60 * 1.2))
    t = np.arange(n) / SR
    h = rng.standard_normal(n) * np.exp(-6.9 * t / rt60)
    h[0] = 0
    h *= rng.uniform(0.2, 1.0) / (np.sqrt(np.sum(h ** 2)) + 1e-9)
    h[0] = 1.0
    size = 1 << int(np.ceil(np.log2(len(x) + n)))
    y = np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[:len(x)]
    return y.astype(np.float32)


def main():
    torch.set_num_threads(1)
    cache = os.path.join(HERE, ".cache")
    rows = json.load(open(os.path.join(cache, "split.json")))
    z = np.load(os.path.join(cache, "audio.npz"))
    fb = BatchFbank(N_MELS)
    down, up = torchaudio.transforms.Resample(SR, 8000), torchaudio.transforms.Resample(8000, SR)
    rng = np.random.default_rng(SEED)

    def feats(x):
        if len(x) < 400:
            x = np.concatenate([x, np.zeros(400 - len(x), np.float32)])
        return fb(torch.from_numpy(x)[None] * 32768.0)[0].numpy().astype(np.float16)

    def bl(x):
        return up(down(torch.from_numpy(x)[None]))[0, :len(x)].numpy()

    out = {}
    t0 = time.time()
    for i, r in enumerate(rows):
        x = z[str(i)].astype(np.float32) / 32768.0
        if r["split"] == "val" and len(x) < int(MIN_S * SR):
            x = np.concatenate([x, np.zeros(int(MIN_S * SR) - len(x), np.float32)])
        out[f"{i}/orig"] = feats(x)
        out[f"{i}/bl"] = feats(bl(x))
        if r["split"] == "train":
            rv = reverb(x, rng)
            out[f"{i}/rev"] = feats(rv)
            out[f"{i}/revbl"] = feats(bl(rv))
        if i % 200 == 0:
            print(i, len(rows), f"{time.time() - t0:.0f}s", flush=True)
    noise = (np.random.default_rng(SEED + 1).standard_normal(SR * 10) / 32768.0).astype(np.float32)
    out["noise_unit"] = fb(torch.from_numpy(noise)[None] * 32768.0)[0].numpy()  # sigma = 1 LSB white noise
    np.savez(os.path.join(cache, "feats.npz"), **out)
    print("done", f"{time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
