"""The AED network: a small temporal CNN over log-mel (64 bins in, stride 4 in time = 40 ms frames), frame-level
sigmoid outputs and a linear-softmax pooled clip output, so clip labels train it and frames still give start/end
times. Kept small on purpose: trained on a shared 2-core CPU, and the cry endpoint needs a few-ms model call."""
import torch
import torch.nn as nn

LABELS = ["Cry", "Laughter", "Cough", "Sneeze", "Applause", "Breath", "BGM", "Speech", "other"]
TIME_STRIDE = 4  # input frames per output frame: T' = ceil(T / 4)


def conv(cin, cout, k, stride=1, dilation=1):
    return [nn.Conv1d(cin, cout, k, stride=stride, padding=dilation * (k // 2), dilation=dilation, bias=False),
            nn.BatchNorm1d(cout), nn.ReLU(inplace=True)]


class AedNet(nn.Module):
    def __init__(self, n_mels=64, n_classes=len(LABELS), mean=None, std=None):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_mels) if mean is None else mean.clone())
        self.register_buffer("inv_std", torch.ones(n_mels) if std is None else 1.0 / std.clone())
        self.body = nn.Sequential(
            *conv(n_mels, 64, 5, stride=2), *conv(64, 64, 3, stride=2), *conv(64, 96, 3), nn.Dropout(0.2),
            *conv(96, 96, 3, dilation=2), nn.Dropout(0.2), *conv(96, 96, 3, dilation=4))
        self.head = nn.Conv1d(96, n_classes, 1)

    def forward(self, feats):
        """feats [N, T, F] raw log-mel -> frame_probs [N, ceil(T/4), C], clip_probs [N, C]."""
        x = ((feats - self.mean) * self.inv_std).transpose(1, 2)  # [N, F, T]
        frame = torch.sigmoid(self.head(self.body(x))).transpose(1, 2)
        clip = (frame * frame).sum(1) / frame.sum(1).clamp(min=1e-7)
        return frame, clip
