"""SenseVoice front-end (spec §1): x32768 -> kaldi fbank 80 -> LFR 7/6 (reference padding) -> CMVN."""
import math

import torch
import torchaudio

SAMPLE_RATE = 16000
MEL_BINS = 80
LFR_M = 7
LFR_N = 6


def fbank(wave16k: torch.Tensor) -> torch.Tensor:
    """wave16k: float32 [S] in [-1, 1] at 16 kHz -> [T, 80] log-mel (knf options of spec §1.3)."""
    if wave16k.numel() < 400:
        return torch.zeros(0, MEL_BINS)
    return torchaudio.compliance.kaldi.fbank(
        (wave16k.float() * 32768.0).unsqueeze(0),
        num_mel_bins=MEL_BINS,
        frame_length=25.0,
        frame_shift=10.0,
        dither=0.0,
        window_type="hamming",
        snip_edges=True,
        sample_frequency=float(SAMPLE_RATE),
        energy_floor=0.0,
        low_freq=20.0,
        high_freq=0.0,
        preemphasis_coefficient=0.97,
        remove_dc_offset=True,
        round_to_power_of_two=True,
        use_energy=False,
        use_log_fbank=True,
        use_power=True,
    )


def lfr(feats: torch.Tensor) -> torch.Tensor:
    """[T, 80] -> [ceil(T/6), 560]; frame i stacks fbank frames clamp(6i-3+j, 0, T-1), j = 0..6."""
    t = feats.shape[0]
    if t == 0:
        return torch.zeros(0, MEL_BINS * LFR_M, dtype=feats.dtype)
    n = math.ceil(t / LFR_N)
    idx = torch.arange(n).unsqueeze(1) * LFR_N - (LFR_M - 1) // 2 + torch.arange(LFR_M).unsqueeze(0)
    idx = idx.clamp(0, t - 1)
    return feats[idx].reshape(n, MEL_BINS * LFR_M)


def apply_cmvn(x: torch.Tensor, neg_mean: torch.Tensor, inv_stddev: torch.Tensor) -> torch.Tensor:
    return (x + neg_mean) * inv_stddev
