"""Digit-string examples: FSDD clips concatenated with pauses, espeak-ng strings, noise-only clips; augmentation."""
import csv
import io
import os
import random
import subprocess

import numpy as np
import soundfile as sf
import torch
import torchaudio.functional as AF

from vocab import DIGIT_WORDS

SR = 16000


def shared_data_dir() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("EARSHOT_SHARED_DATA", os.path.join(here, "..", "..", "..", "..", "shared", "data"))


def load_fsdd(split: str):
    """-> list of (digit, speaker, wave float32 at 8 kHz) for one split."""
    root = shared_data_dir()
    out = []
    with open(os.path.join(root, "manifests", "fsdd.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["split"] != split:
                continue
            wave, sr = sf.read(os.path.join(root, row["path"]), dtype="float32")
            assert sr == 8000, row["path"]
            if wave.ndim > 1:
                wave = wave.mean(axis=1)
            out.append((int(row["digit"]), row["speaker"], wave))
    return out


def to_16k(wave: np.ndarray, sr: int, speed: float = 1.0) -> torch.Tensor:
    """Resample to 16 kHz; speed != 1 plays it faster/slower (pitch follows, like sox speed)."""
    target = int(round(SR / speed / 50.0)) * 50
    x = torch.from_numpy(np.ascontiguousarray(wave, dtype=np.float32))
    if sr == target:
        return x
    return AF.resample(x, sr, target)


def silence(seconds: float, sr: int) -> np.ndarray:
    return np.zeros(int(seconds * sr), dtype=np.float32)


def concat_fsdd(clips, rng: random.Random, max_pause: float = 0.35, edge: float = 0.5) -> np.ndarray:
    parts = [silence(rng.uniform(0.0, edge), 8000)]
    for k, c in enumerate(clips):
        if k:
            parts.append(silence(rng.uniform(0.0, max_pause), 8000))
        parts.append(c)
    parts.append(silence(rng.uniform(0.0, edge), 8000))
    return np.concatenate(parts)


def fsdd_string(pool, rng: random.Random, n_digits: int, same_speaker: bool):
    """Pick n clips (one speaker, or mixed) -> (digits, wave 8 kHz)."""
    if same_speaker:
        spk = rng.choice(sorted({s for _, s, _ in pool}))
        cand = [c for c in pool if c[1] == spk]
    else:
        cand = pool
    picks = [rng.choice(cand) for _ in range(n_digits)]
    return [p[0] for p in picks], [p[2] for p in picks]


ESPEAK_LANGS = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us-nyc", "en-gb-x-gbclan",
                "en-gb-x-gbcwmd"]
ESPEAK_VARIANTS = ["", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+m7", "+f1", "+f2", "+f3", "+f4", "+f5",
                   "+klatt", "+klatt2", "+klatt4", "+Andy", "+Annie", "+david", "+linda", "+steph", "+john",
                   "+max", "+paul", "+rob", "+robert", "+victor", "+travis", "+shelby", "+norbert", "+belinda",
                   "+aunty", "+grandma", "+edward", "+Mike", "+Michael", "+quincy", "+zac"]


def espeak(text: str, voice: str, speed: int, pitch: int, gap: int):
    """-> (wave float32, sr) from espeak-ng."""
    out = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-g", str(gap), "--stdout", text],
        check=True, capture_output=True).stdout
    wave, sr = sf.read(io.BytesIO(out), dtype="float32")
    return wave, sr


def espeak_string(rng: random.Random, digits):
    voice = rng.choice(ESPEAK_LANGS) + rng.choice(ESPEAK_VARIANTS)
    sep = rng.choice([" ", " ", ", "])
    text = sep.join(DIGIT_WORDS[d] for d in digits)
    wave, sr = espeak(text, voice, rng.randint(110, 230), rng.randint(15, 85), rng.randint(0, 25))
    lead = silence(rng.uniform(0.0, 0.4), sr)
    tail = silence(rng.uniform(0.0, 0.4), sr)
    return np.concatenate([lead, wave, tail]), sr


def _colored_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    white = rng.standard_normal(n).astype(np.float32)
    kind = rng.integers(0, 3)
    if kind == 0:
        return white
    # one-pole low-pass gives pink-ish / brown-ish noise; the coefficient picks the colour
    a = 0.9 if kind == 1 else 0.99
    y = AF.lfilter(torch.from_numpy(white).unsqueeze(0), torch.tensor([1.0, -a]), torch.tensor([1.0 - a, 0.0]),
                   clamp=False)[0].numpy()
    return y / (np.std(y) + 1e-9)


def augment(x: torch.Tensor, rng: random.Random, nrng: np.random.Generator, band_limit_p: float) -> torch.Tensor:
    """x: 16 kHz wave. Band-limiting, gain, additive noise."""
    if rng.random() < band_limit_p:
        x = AF.resample(AF.resample(x, SR, 8000), 8000, SR)  # telephone band like FSDD
    if rng.random() < 0.2:
        x = AF.lowpass_biquad(x, SR, rng.uniform(2500.0, 5000.0))
    if rng.random() < 0.2:
        x = AF.highpass_biquad(x, SR, rng.uniform(80.0, 300.0))
    peak = float(x.abs().max()) if x.numel() else 0.0
    if peak > 0:
        x = x * (10 ** (rng.uniform(-30.0, -1.0) / 20.0) / peak)
    if rng.random() < 0.7 and x.numel():
        rms = float(x.pow(2).mean().sqrt()) + 1e-9
        snr = rng.uniform(5.0, 40.0)
        noise = torch.from_numpy(_colored_noise(x.numel(), nrng))
        x = x + noise * (rms / (10 ** (snr / 20.0)))
    return x.clamp(-1.0, 1.0)


def noise_only(rng: random.Random, nrng: np.random.Generator, zero_p: float = 0.15) -> torch.Tensor:
    n = int(rng.uniform(0.05, 3.0) * SR)
    kind = rng.random()
    if kind < zero_p:
        return torch.zeros(n)  # digital silence (padded files, muted inputs)
    level = 10 ** (rng.uniform(-75.0, -20.0) / 20.0)
    x = torch.from_numpy(_colored_noise(n, nrng)) * level
    if rng.random() < 0.3:
        x = AF.lowpass_biquad(x, SR, rng.uniform(1000.0, 6000.0))
    return x.clamp(-1.0, 1.0)
