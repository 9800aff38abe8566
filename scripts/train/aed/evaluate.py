"""Clip scoring exactly as the TS runtime does it (libs/inference/src/events), on cached features: energy floor ->
silence without a model call; windows of WINDOW_S with hop HOP_S (one window when the clip is shorter; clips under
MIN_S are zero-padded to it); the last window is aligned to the end (start rounded down to the 40 ms output grid); a clip's
score per class = max over windows of the pooled clip probability; its "frame score" per class = max over windows
and time of the moving average of SMOOTH_FRAMES frame probabilities (1 s; the mean when a window has fewer frames).
The cry score is the Cry frame score: on val it separates cries from non-cries better than the pooled clip score. With snip_edges, the fbank of a window that
starts on a multiple of 160 samples equals the slice of the whole clip's fbank, so slicing is exact."""
import numpy as np

import os as _os
import sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), '..', 'common'))
import clip_windows  # noqa: E402
import torch

SR = 16000
WINDOW_S = 5.0
HOP_S = 2.56  # 64 output frames of 40 ms: windows land on the frame grid of the timeline
MIN_S = 1.0
SILENCE_DBFS = -60.0
SHIFT = 160
FRAME = 400
GRID = 640  # samples per output frame (4 fbank frames)
SMOOTH_FRAMES = 25  # 25 x 40 ms = 1 s


def rms_dbfs(x):
    return clip_windows.rms_dbfs(x)


def windows(n):
    return clip_windows.windows(n, WINDOW_S, HOP_S, GRID, SR)


def pad_min(x):
    return clip_windows.pad_min(x, MIN_S, SR)


def smoothed_max(frames):
    """frames [T', C] -> [C]: max over time of the moving average of SMOOTH_FRAMES frames."""
    t = frames.shape[0]
    if t <= SMOOTH_FRAMES:
        return frames.mean(0)
    c = np.cumsum(np.concatenate([np.zeros((1, frames.shape[1])), frames.astype(np.float64)]), axis=0)
    return ((c[SMOOTH_FRAMES:] - c[:-SMOOTH_FRAMES]) / SMOOTH_FRAMES).max(0).astype(np.float32)


@torch.no_grad()
def score_features(model, feats, samples, n_classes):
    """feats: log-mel of the whole (min-padded) clip; samples: the same clip.
    -> (pooled clip scores [C], frame scores [C], silent)."""
    if len(samples) == 0 or rms_dbfs(samples) < SILENCE_DBFS:
        return np.zeros(n_classes, np.float32), np.zeros(n_classes, np.float32), True
    best = np.zeros(n_classes, np.float32)
    best_frames = np.zeros(n_classes, np.float32)
    for s, e in windows(len(samples)):
        if rms_dbfs(samples[s:e]) < SILENCE_DBFS:
            continue
        f0, nf = s // SHIFT, 1 + (e - s - FRAME) // SHIFT
        x = torch.from_numpy(np.ascontiguousarray(feats[f0:f0 + nf], dtype=np.float32))[None]
        frame, clip = model(x)
        best = np.maximum(best, clip[0].numpy())
        best_frames = np.maximum(best_frames, smoothed_max(frame[0].numpy()))
    return best, best_frames, False
