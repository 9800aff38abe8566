"""Window planning shared by the classifier training scripts, mirroring libs/inference/src/classifiers/windowing.ts:
fixed windows with a hop, the last one aligned to the end (start rounded down to `grid` samples); clips shorter than
`min_s` are zero-padded; an RMS level in dBFS decides silence."""
import numpy as np


def rms_dbfs(x):
    return 10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-20)


def windows(n, window_s, hop_s, grid, sr=16000):
    win, hop = int(window_s * sr), int(hop_s * sr)
    if n <= win:
        return [(0, n)]
    starts = list(range(0, n - win + 1, hop))
    last = ((n - win) // grid) * grid
    if starts[-1] < last:
        starts.append(last)
    return [(s, s + win) for s in starts]


def pad_min(x, min_s, sr=16000):
    m = int(min_s * sr)
    return x if len(x) >= m else np.concatenate([x, np.zeros(m - len(x), np.float32)])
