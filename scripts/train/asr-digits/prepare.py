"""Build and cache the training and val feature sets (run once; train.py reads .cache/).

  /usr/bin/python3 scripts/train/asr-digits/prepare.py [--fsdd 2500 --espeak 800 --noise 150 --val 300]

Train: FSDD TRAIN clips concatenated into 1-8 digit strings + espeak-ng strings + noise-only clips, augmented
(speed, band-limiting, gain, noise). Val: FSDD VAL clips only, seeded strings of 1-8 digits and every single clip,
no augmentation; also written as 16 kHz WAVs for check-sherpa.js.
"""
import argparse
import json
import os
import random
import time

import numpy as np
import soundfile as sf
import torch

import data
from frontend import fbank

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")

# the shipped samples (scripts/make-samples.sh) are never in the synthetic training set
SAMPLE_DIGIT_STRINGS = {(4, 2, 7, 1), (9, 0, 8, 5, 3, 6), (7,), (2, 0, 2, 6)}


def feat16(x: torch.Tensor) -> torch.Tensor:
    return fbank(x).half()


def build_train(args, seed=1234, zero_p=0.15):
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    pool = data.load_fsdd("train")
    items = []
    t0 = time.time()
    for i in range(args.fsdd):
        n = rng.randint(1, 8)
        digits, clips = data.fsdd_string(pool, rng, n, same_speaker=rng.random() < 0.8)
        wave8 = data.concat_fsdd(clips, rng)
        x = data.to_16k(wave8, 8000, rng.uniform(0.88, 1.12))
        x = data.augment(x, rng, nrng, band_limit_p=0.0)
        items.append({"feats": feat16(x), "digits": digits, "speech": True, "src": "fsdd"})
        if i % 500 == 0:
            print(f"fsdd {i}/{args.fsdd} {time.time() - t0:.0f}s", flush=True)
    n_esp = 0
    while n_esp < args.espeak:
        digits = [rng.randint(0, 9) for _ in range(rng.randint(1, 8))]
        if tuple(digits) in SAMPLE_DIGIT_STRINGS:
            continue
        wave, sr = data.espeak_string(rng, digits)
        x = data.to_16k(wave, sr, rng.uniform(0.9, 1.1))
        x = data.augment(x, rng, nrng, band_limit_p=0.4)
        items.append({"feats": feat16(x), "digits": digits, "speech": True, "src": "espeak"})
        n_esp += 1
        if n_esp % 500 == 0:
            print(f"espeak {n_esp}/{args.espeak} {time.time() - t0:.0f}s", flush=True)
    for _ in range(args.noise):
        items.append({"feats": feat16(data.noise_only(rng, nrng, zero_p)), "digits": [], "speech": False, "src": "noise"})
    return items


def build_val(args):
    rng = random.Random(99)
    pool = data.load_fsdd("val")
    strings = []
    wav_dir = os.path.join(CACHE, "val_wav")
    os.makedirs(wav_dir, exist_ok=True)
    listing = []
    for i in range(args.val):
        digits, clips = data.fsdd_string(pool, rng, rng.randint(1, 8), same_speaker=True)
        x = data.to_16k(data.concat_fsdd(clips, rng, max_pause=0.3, edge=0.3), 8000)
        strings.append({"feats": fbank(x), "digits": digits})
        name = f"string-{i:03d}.wav"
        sf.write(os.path.join(wav_dir, name), x.numpy(), 16000, subtype="FLOAT")
        listing.append({"wav": name, "digits": digits, "kind": "string"})
    singles = []
    for i, (digit, _spk, wave) in enumerate(pool):
        x = data.to_16k(wave, 8000)
        singles.append({"feats": fbank(x), "digits": [digit]})
        name = f"single-{i:03d}.wav"
        sf.write(os.path.join(wav_dir, name), x.numpy(), 16000, subtype="FLOAT")
        listing.append({"wav": name, "digits": [digit], "kind": "single"})
    with open(os.path.join(wav_dir, "list.json"), "w") as f:
        json.dump(listing, f)
    return strings, singles


def build_espeak_eval(n):
    """Synthetic strings never used in training (other seed), to measure the synthetic-voice domain; not val."""
    rng = random.Random(777)
    wav_dir = os.path.join(CACHE, "espeak_eval_wav")
    os.makedirs(wav_dir, exist_ok=True)
    listing = []
    for i in range(n):
        digits = [rng.randint(0, 9) for _ in range(rng.randint(1, 8))]
        wave, sr = data.espeak_string(rng, digits)
        name = f"espeak-{i:03d}.wav"
        sf.write(os.path.join(wav_dir, name), data.to_16k(wave, sr).numpy(), 16000, subtype="FLOAT")
        listing.append({"wav": name, "digits": digits, "kind": "espeak"})
    with open(os.path.join(wav_dir, "list.json"), "w") as f:
        json.dump(listing, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fsdd", type=int, default=2500)
    ap.add_argument("--espeak", type=int, default=800)
    ap.add_argument("--noise", type=int, default=150)
    ap.add_argument("--val", type=int, default=300)
    ap.add_argument("--espeak-eval", type=int, default=0,
                    help="only write N held-out espeak-ng strings (seed 777, clean) to .cache/espeak_eval_wav")
    ap.add_argument("--extra", action="store_true",
                    help="write a second, differently seeded set to .cache/train-extra.pt (CMVN stays train.pt's)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(CACHE, exist_ok=True)
    val_path = os.path.join(CACHE, "val.pt")
    if not os.path.exists(val_path):
        strings, singles = build_val(args)
        torch.save({"strings": strings, "singles": singles}, val_path)
    val = torch.load(val_path)
    strings, singles = val["strings"], val["singles"]
    if args.espeak_eval:
        build_espeak_eval(args.espeak_eval)
        return
    if args.extra:
        items = build_train(args, seed=4321, zero_p=0.3)
        torch.save({"items": items, "args": vars(args)}, os.path.join(CACHE, "train-extra.pt"))
        print(f"extra items {len(items)}")
        return
    items = build_train(args)
    # CMVN over training fbank frames (80 dims), tiled 7x like SenseVoice's am.mvn
    allf = torch.cat([it["feats"].float() for it in items if it["feats"].shape[0] > 0])
    mean = allf.mean(0)
    std = allf.std(0).clamp_min(1e-3)
    cmvn = {"neg_mean": (-mean).repeat(7), "inv_stddev": (1.0 / std).repeat(7)}
    torch.save({"items": items, "cmvn": cmvn, "args": vars(args)}, os.path.join(CACHE, "train.pt"))
    hours = sum(it["feats"].shape[0] for it in items) / 100 / 3600
    print(f"train items {len(items)} ({hours:.2f} h), val strings {len(strings)}, singles {len(singles)}")


if __name__ == "__main__":
    main()
