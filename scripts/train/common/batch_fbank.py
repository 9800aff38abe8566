"""Batched Kaldi fbank in torch, identical to torchaudio.compliance.kaldi.fbank with the options below (checked by
`check_fbank()`), because the per-clip kaldi call is too slow to run inside the augmentation loop.

Options = the TS front-end (`@earshot/features`): samples x32768, 25/10 ms, hamming, snip_edges, dither 0,
pre-emphasis 0.97, DC removal, 512-point FFT, N HTK mel bins 20 Hz..Nyquist, log floor FLT_EPSILON, no energy.
"""
import torch
import torchaudio

SAMPLE_RATE = 16000
FRAME_LEN = 400
FRAME_SHIFT = 160
NFFT = 512


class BatchFbank:
    def __init__(self, num_mel_bins=64):
        self.num_mel_bins = num_mel_bins
        banks, _ = torchaudio.compliance.kaldi.get_mel_banks(num_mel_bins, NFFT, float(SAMPLE_RATE), 20.0, 0.0,
                                                             100.0, -500.0, 1.0)
        self.banks = torch.nn.functional.pad(banks, (0, 1)).t().contiguous()  # [257, bins]
        self.window = torch.hamming_window(FRAME_LEN, periodic=False, alpha=0.54, beta=0.46)
        self.eps = torch.finfo(torch.float32).eps

    def __call__(self, wave):
        """wave: [B, N] float samples already on the int16 scale -> [B, T, bins]."""
        frames = wave.unfold(1, FRAME_LEN, FRAME_SHIFT)  # [B, T, 400]
        frames = frames - frames.mean(dim=2, keepdim=True)
        prev = torch.cat([frames[:, :, :1], frames[:, :, :-1]], dim=2)
        frames = (frames - 0.97 * prev) * self.window
        spec = torch.fft.rfft(frames, n=NFFT).abs().pow(2)
        return torch.clamp(spec @ self.banks, min=self.eps).log()


def kaldi_fbank(wave_1d, num_mel_bins=64):
    return torchaudio.compliance.kaldi.fbank(wave_1d[None], num_mel_bins=num_mel_bins, frame_length=25.0,
                                             frame_shift=10.0, dither=0.0, window_type="hamming", snip_edges=True,
                                             energy_floor=0.0, sample_frequency=float(SAMPLE_RATE), low_freq=20.0,
                                             high_freq=0.0, preemphasis_coefficient=0.97, remove_dc_offset=True,
                                             use_energy=False)


def check_fbank(num_mel_bins=64):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(3, 16000, generator=g) * 3000
    x[1] = 0
    ours = BatchFbank(num_mel_bins)(x)
    diff = max((ours[i] - kaldi_fbank(x[i], num_mel_bins)).abs().max().item() for i in range(3))
    assert diff < 1e-3, diff
    return diff


if __name__ == "__main__":
    print("max abs diff vs torchaudio kaldi.fbank:", check_fbank())
