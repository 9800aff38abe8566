"""The LID / SER network: a small 1-D CNN over log-mel (64 bins) with masked mean+std pooling and a softmax head.

The graph takes RAW log-mel [N, T, F] (the TS front-end's output) and normalises it itself (train-set mean/std in
buffers), so the runtime only computes fbank. Utterance-level mean removal per mel bin (cmn=True) takes the
recording channel out of the features: in our data channel and corpus (so language, and emotion mix) are tied, and
we want the model to learn the speech, not the microphone. Level is kept as one extra input per frame (frame energy
relative to the utterance), which carries loudness contour for emotion without the absolute gain.

forward(feats, lengths=None): lengths masks padded frames in training; the exported graph has no lengths input
(the runtime always feeds one unpadded clip or window)."""
import torch
import torch.nn as nn


def conv(cin, cout, k, stride=1, dilation=1):
    return [nn.Conv1d(cin, cout, k, stride=stride, padding=dilation * (k // 2), dilation=dilation, bias=False),
            nn.BatchNorm1d(cout), nn.ReLU(inplace=True)]


class ClipNet(nn.Module):
    def __init__(self, n_mels, n_classes, mean=None, std=None, width=96, cmn=True):
        super().__init__()
        self.cmn = cmn
        self.register_buffer("mean", torch.zeros(n_mels) if mean is None else mean.clone())
        self.register_buffer("inv_std", torch.ones(n_mels) if std is None else 1.0 / std.clone())
        cin = n_mels + 1
        self.body = nn.Sequential(
            *conv(cin, width, 5, stride=2), *conv(width, width, 3), nn.Dropout(0.1),
            *conv(width, width, 3, dilation=2), nn.Dropout(0.1), *conv(width, 128, 3, dilation=4))
        self.head = nn.Sequential(nn.Linear(256, 64), nn.ReLU(inplace=True), nn.Dropout(0.3), nn.Linear(64, n_classes))

    def logits(self, feats, lengths=None):
        n, t, _ = feats.shape
        if lengths is None:
            m = torch.ones(n, t, 1, dtype=feats.dtype)
        else:
            m = (torch.arange(t)[None, :] < lengths[:, None]).to(feats.dtype)[..., None]
        cnt = m.sum(1, keepdim=True).clamp(min=1.0)
        x = (feats - self.mean) * self.inv_std
        energy = x.mean(2, keepdim=True)
        if self.cmn:
            x = x - (x * m).sum(1, keepdim=True) / cnt
        energy = energy - (energy * m).sum(1, keepdim=True) / cnt
        x = (torch.cat([x, energy], 2) * m).transpose(1, 2)  # [N, F+1, T]
        h = self.body(x)  # [N, 128, T/2]
        tm = m[:, ::2, 0][:, None, : h.shape[2]]
        c = tm.sum(2).clamp(min=1.0)
        mu = (h * tm).sum(2) / c
        var = (((h - mu[..., None]) ** 2) * tm).sum(2) / c
        return self.head(torch.cat([mu, torch.sqrt(var + 1e-5)], 1))

    def forward(self, feats):
        return torch.softmax(self.logits(feats), dim=1)


class StatsNet(nn.Module):
    """Utterance statistics + MLP: per mel bin the mean, standard deviation and mean absolute slope (delta) of the
    normalised log-mel over time, plus the spread and slope of the frame energy. The classic small-data SER
    recipe: a few hundred training clips are too few for the CNN to learn prosody from scratch on a shared CPU,
    while these contours (loudness, spectral tilt, variability) carry most of what separates angry/happy from
    sad/neutral. No CMN here: within SER every corpus has all four emotions, so the channel is not a label shortcut,
    and the spectral tilt is an emotion cue."""

    def __init__(self, n_mels, n_classes, mean=None, std=None, hidden=128, dropout=(0.2, 0.4, 0.3)):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_mels) if mean is None else mean.clone())
        self.register_buffer("inv_std", torch.ones(n_mels) if std is None else 1.0 / std.clone())
        d = 3 * n_mels + 2
        p0, p1, p2 = dropout
        self.net = nn.Sequential(nn.BatchNorm1d(d), nn.Dropout(p0), nn.Linear(d, hidden), nn.ReLU(inplace=True),
                                 nn.Dropout(p1), nn.Linear(hidden, hidden // 2), nn.ReLU(inplace=True),
                                 nn.Dropout(p2), nn.Linear(hidden // 2, n_classes))

    def logits(self, feats, lengths=None):
        return self.net(self.stats(feats, lengths))

    def stats(self, feats, lengths=None):
        n, t, _ = feats.shape
        if lengths is None:
            m = torch.ones(n, t, 1, dtype=feats.dtype)
        else:
            m = (torch.arange(t)[None, :] < lengths[:, None]).to(feats.dtype)[..., None]
        cnt = m.sum(1).clamp(min=2.0)
        x = (feats - self.mean) * self.inv_std
        mu = (x * m).sum(1) / cnt
        sd = torch.sqrt((((x - mu[:, None]) ** 2) * m).sum(1) / cnt + 1e-5)
        dm = m[:, 1:] * m[:, :-1]
        slope = ((x[:, 1:] - x[:, :-1]).abs() * dm).sum(1) / dm.sum(1).clamp(min=1.0)
        e = x.mean(2, keepdim=True)
        emu = (e * m).sum(1) / cnt
        esd = torch.sqrt((((e - emu[:, None]) ** 2) * m).sum(1) / cnt + 1e-5)
        eslope = ((e[:, 1:] - e[:, :-1]).abs() * dm).sum(1) / dm.sum(1).clamp(min=1.0)
        return torch.cat([mu, sd, slope, esd, eslope], 1)

    def forward(self, feats):
        return torch.softmax(self.logits(feats), dim=1)
