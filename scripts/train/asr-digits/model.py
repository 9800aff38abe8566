"""A small SenseVoice-shaped CTC model with the sherpa-onnx export I/O.

forward(x [N,T,560], x_length [N], language [N], text_norm [N]) -> logits [N,T+4,V]:
the query embeddings [language, 1, 2, text_norm] are prepended inside the model as in SenseVoice; frames 0..3 carry
the language / emotion / event / itn tags, frames 4.. the CTC text. Blocks are pre-LN self-attention + an FSMN-like
depthwise convolution + FFN; padding is masked from x_length so batched and single runs agree.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d: int, heads: int, ffn: int, kernel: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.conv = nn.Conv1d(d, d, kernel, padding=kernel // 2, groups=d)
        self.ln3 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ffn)
        self.ff2 = nn.Linear(ffn, d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, keep: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        # keep: [N,T,1] float 1/0; bias: [N,1,1,T] additive attention mask
        n, t, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).reshape(n, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d // h)) + bias
        y = torch.matmul(torch.softmax(att, dim=-1), v).transpose(1, 2).reshape(n, t, d)
        x = x + self.drop(self.out(y))
        c = self.conv((self.ln2(x) * keep).transpose(1, 2)).transpose(1, 2)
        x = x + self.drop(c)
        x = x + self.drop(self.ff2(self.drop(F.gelu(self.ff1(self.ln3(x))))))
        return x * keep


class DigitsSenseVoice(nn.Module):
    def __init__(self, vocab: int, d: int = 160, heads: int = 4, ffn: int = 640, layers: int = 6, kernel: int = 11,
                 dropout: float = 0.1, feat_dim: int = 560):
        super().__init__()
        self.d = d
        self.embed = nn.Embedding(16, feat_dim)
        self.inp = nn.Linear(feat_dim, d)
        self.blocks = nn.ModuleList([Block(d, heads, ffn, kernel, dropout) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.ctc_lo = nn.Linear(d, vocab)
        self.in_drop = nn.Dropout(dropout)

    def positions(self, t: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(t, device=like.device, dtype=torch.float32).unsqueeze(1) + 1.0
        inv = torch.exp(torch.arange(0, self.d, 2, device=like.device, dtype=torch.float32)
                        * (-math.log(10000.0) / self.d))
        ang = pos * inv.unsqueeze(0)
        return torch.stack([torch.sin(ang), torch.cos(ang)], dim=2).reshape(t, self.d)

    def forward(self, x, x_length, language, text_norm):
        n = x.shape[0]
        lang = language.long().reshape(n, 1)
        tn = text_norm.long().reshape(n, 1)
        fixed = torch.ones_like(lang)
        query = self.embed(torch.cat([lang, fixed, fixed + 1, tn], dim=1))
        x = torch.cat([query, x], dim=1)
        t = x.shape[1]
        lengths = x_length.long().reshape(n, 1) + 4
        keep_b = torch.arange(t, device=x.device).unsqueeze(0) < lengths  # [N,T]
        keep = keep_b.unsqueeze(2).to(x.dtype)
        bias = (1.0 - keep_b.to(x.dtype)).reshape(n, 1, 1, t) * -10000.0
        h = self.inp(x) * math.sqrt(self.d) + self.positions(t, x).unsqueeze(0)
        h = self.in_drop(h) * keep
        for blk in self.blocks:
            h = blk(h, keep, bias)
        return self.ctc_lo(self.ln(h))
