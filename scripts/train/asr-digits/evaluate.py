"""Greedy CTC decoding and WER, shared by train.py and export checks."""
import torch

from vocab import BLANK_ID, PIECES, decode_text


def greedy(logits: torch.Tensor, length: int):
    """logits [T+4, V] of one utterance -> (tag ids of frames 0..3 after collapse, text ids)."""
    ids = logits[: length + 4].argmax(-1).tolist()
    out = []
    prev = -1
    for i in ids:
        if i != BLANK_ID and i != prev:
            out.append(i)
        prev = i
    return out[:4], out[4:]


def edit_distance(a, b) -> int:
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = d[j]
            d[j] = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev = cur
    return d[len(b)]


def tag_strings(tag_ids):
    return [PIECES[i] for i in tag_ids]


def text_of(ids):
    return decode_text(ids)
