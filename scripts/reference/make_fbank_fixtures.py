#!/usr/bin/env python3
"""Reference Kaldi fbank features for the libs/features parity test.

Runs torchaudio.compliance.kaldi.fbank (Debian python3-torchaudio 0.13) with the SenseVoice options
(sensevoice-spec section 1.3: dither 0, hamming, 25/10 ms, snip_edges, pre-emphasis 0.97, DC removal,
512-point FFT, 80 mel bins 20 Hz..Nyquist, energy_floor 0) on real clips from the shared data dir and on
synthetic edge cases, and writes libs/features/src/__fixtures__/fbank-reference.json.

Audio is never committed: a real clip is stored by its path relative to the data dir; the test decodes the
same FLAC. soundfile's float32 read of 16-bit FLAC is int16 / 32768, exactly what an f32 decode gives.
fsdd is 8 kHz and @earshot/audio always decodes to 16 kHz through ffmpeg (swresample defaults), so for that
clip this script runs the same ffmpeg binary with the same arguments as libs/audio's FfmpegAdapter: both
sides then resample identically. (For the 16 kHz clips ffmpeg's f32 output equals soundfile's; checked below.)
The 8 kHz options themselves are covered by a synthetic case.

Per case the fixture keeps the frame count, the mean of every frame (all frames) and full rows for at
most MAX_ROWS frames (first, last and evenly spaced), as base64 little-endian float32.

Usage: /usr/bin/python3 scripts/reference/make_fbank_fixtures.py [--data ../shared/data]
"""
import argparse
import base64
import json
import os
import subprocess
import sys

import numpy as np
import soundfile as sf
import torch
import torchaudio

torch.set_num_threads(1)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, 'libs', 'features', 'src', '__fixtures__', 'fbank-reference.json')
MAX_ROWS = 64
SEED = 20261128

CLIPS = [
    ('audio/ravdess/wav/Actor_01/03-01-01-01-01-01-01.flac', {}),
    ('audio/korean_emotiontts/wav/ema/ema00001.flac', {}),
    ('audio/esc50/wav/airplane/4-161099-A-47.flac', {}),
    ('audio/donateacry/wav/belly_pain/549a46d8-9c84-430e-ade8-97eae2bef787-1430130772174-1.7-m-48-bp.flac', {}),
    ('audio/cough/wav/covid19cough/015ece9a-52dd-4b6f-bf2d-fd3689a2f21f.flac', {}),
    ('audio/music_misc/wav/bird/456440__inspectorj__bird-whistling-robin-single-13.flac', {'numMelBins': 64}),
    ('audio/fsdd/george/0_george_0.flac', {}),
]
FFMPEG = os.path.join(REPO, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg')


def ffmpeg_16k(path):
    # Same arguments as libs/audio/src/ffmpeg/ffmpeg.adapter.ts (fluent-ffmpeg builds this command line).
    cmd = [FFMPEG, '-nostdin', '-hide_banner', '-loglevel', 'error', '-i', path, '-map', '0:a:0', '-vn', '-sn',
           '-dn', '-ac', '1', '-ar', '16000', '-acodec', 'pcm_f32le', '-f', 'f32le', 'pipe:1']
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    return np.frombuffer(out, dtype='<f4').copy()

# Option names are the TypeScript FbankOptions ones; defaults = SenseVoice.
DEFAULTS = dict(sampleRate=16000, numMelBins=80, frameLengthMs=25, frameShiftMs=10, lowFreq=20, highFreq=0,
                windowType='hamming', preemphCoeff=0.97, removeDcOffset=True, sampleScale=32768, blackmanCoeff=0.42)


def kaldi_fbank(samples, opts):
    o = dict(DEFAULTS, **opts)
    wave = torch.from_numpy(np.asarray(samples, dtype=np.float32) * np.float32(o['sampleScale'])).unsqueeze(0)
    window = int(o['sampleRate'] * 0.001 * o['frameLengthMs'])
    if wave.shape[1] < window:
        # torchaudio refuses inputs shorter than one window; Kaldi's NumFrames (snip_edges) gives 0 frames.
        return np.zeros((0, o['numMelBins']), dtype=np.float32)
    feats = torchaudio.compliance.kaldi.fbank(
        wave, sample_frequency=o['sampleRate'], num_mel_bins=o['numMelBins'], frame_length=o['frameLengthMs'],
        frame_shift=o['frameShiftMs'], low_freq=o['lowFreq'], high_freq=o['highFreq'], window_type=o['windowType'],
        preemphasis_coefficient=o['preemphCoeff'], remove_dc_offset=o['removeDcOffset'],
        blackman_coeff=o['blackmanCoeff'], dither=0.0, energy_floor=0.0, snip_edges=True,
        round_to_power_of_two=True, use_energy=False, use_log_fbank=True, use_power=True, htk_compat=False,
        raw_energy=True)
    return feats.numpy().astype(np.float32)


def b64(arr):
    return base64.b64encode(np.ascontiguousarray(arr, dtype='<f4').tobytes()).decode('ascii')


def pick_rows(frames):
    if frames <= MAX_ROWS:
        return list(range(frames))
    idx = set(range(8)) | set(range(frames - 8, frames))
    idx |= set(int(round(x)) for x in np.linspace(8, frames - 9, MAX_ROWS - 16))
    return sorted(idx)


def case(name, source, opts, samples):
    feats = kaldi_fbank(samples, opts)
    rows = pick_rows(feats.shape[0])
    return {
        'name': name, 'source': source, 'options': opts, 'numSamples': int(len(samples)),
        'frames': int(feats.shape[0]), 'dim': int(feats.shape[1]),
        'frameMeans': b64(feats.mean(axis=1) if feats.shape[0] else np.zeros(0)),
        'rowIndices': rows, 'rows': b64(feats[rows].reshape(-1)),
    }


def square_wave(n, period):
    # Full scale: exactly +1 / -1, i.e. +-32768 after scaling (one past int16 max on the positive side, on purpose).
    i = np.arange(n)
    return np.where((i % period) < period // 2, 1.0, -1.0).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.environ.get('EARSHOT_SHARED_DATA', os.path.join(REPO, '..', 'shared', 'data')))
    args = ap.parse_args()
    rng = np.random.default_rng(SEED)
    cases = []

    # Synthetic inputs travel in the fixture as int16 (exactly representable in float32 after / 32768).
    def stored(name, pcm, opts=None):
        pcm = np.asarray(pcm, dtype=np.int16)
        src = {'kind': 'int16', 'base64': base64.b64encode(pcm.astype('<i2').tobytes()).decode('ascii')}
        cases.append(case(name, src, opts or {}, pcm.astype(np.float32) / 32768))

    stored('short-399', rng.integers(-3000, 3000, 399))
    stored('exact-400', rng.integers(-3000, 3000, 400))
    stored('exact-959', rng.integers(-20000, 20000, 959))
    noise = np.clip(rng.normal(0, 2000, 8000) + 8000 * np.sin(np.arange(8000) * 0.3), -32768, 32767).astype(np.int16)
    stored('noise-tone', noise)
    stored('noise-tone-hanning-64', noise, {'windowType': 'hanning', 'numMelBins': 64})
    stored('noise-tone-povey-40-lowhigh', noise, {'windowType': 'povey', 'numMelBins': 40, 'lowFreq': 60, 'highFreq': -400})
    stored('noise-tone-rect-nodc', noise, {'windowType': 'rectangular', 'removeDcOffset': False, 'preemphCoeff': 0})
    stored('noise-tone-blackman-50ms', noise, {'windowType': 'blackman', 'frameLengthMs': 50, 'frameShiftMs': 12.5, 'numMelBins': 23})
    stored('noise-tone-8k-40', noise, {'sampleRate': 8000, 'numMelBins': 40})

    zeros = np.zeros(16000, dtype=np.float32)
    cases.append(case('silence-1s', {'kind': 'zeros', 'length': 16000}, {}, zeros))
    cases.append(case('square-full-scale', {'kind': 'square', 'length': 16000, 'period': 32}, {}, square_wave(16000, 32)))

    for rel, opts in CLIPS:
        path = os.path.join(args.data, rel)
        pcm, sr = sf.read(path, dtype='float32', always_2d=True)
        if pcm.shape[1] != 1:
            sys.exit(f'{rel}: expected mono, got {pcm.shape[1]} channels')
        if sr == 16000:
            samples = pcm[:, 0]
            if rel == CLIPS[0][0] and not np.array_equal(samples, ffmpeg_16k(path)):
                sys.exit('ffmpeg and soundfile disagree on a 16 kHz FLAC; the parity premise is broken')
        else:
            samples = ffmpeg_16k(path)
        cases.append(case(os.path.basename(rel), {'kind': 'clip', 'path': rel, 'sourceRate': sr}, opts, samples))

    meta = {
        'generator': 'scripts/reference/make_fbank_fixtures.py',
        'reference': f'torchaudio {torchaudio.__version__} compliance.kaldi.fbank, torch {torch.__version__}',
        'defaults': DEFAULTS, 'seed': SEED, 'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(meta, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {OUT}: {len(cases)} cases, {os.path.getsize(OUT)} bytes')


if __name__ == '__main__':
    main()
