"""Export the trained digits model to the sherpa-onnx SenseVoice flavour (spec §2.1) and write the model dir.

  scripts/train/asr-digits/run.sh export.py [--out models/digits-en-ctc]

Writes model.onnx (opset 14, dynamic batch/time) with sherpa's metadata, tokens.txt, manifest.json (sha256s,
front-end, tags, val figures from the checkpoint) and .cache/export-ref.json (inputs + torch logits for a
padded batch) that check-onnx.js compares against onnxruntime-node.
"""
import argparse
import hashlib
import json
import os

import onnx
import torch

from model import DigitsSenseVoice
from train import CACHE, to_inputs
from vocab import (EMO_TAGS, EVENT_TAGS, ITN_TAGS, LANG_TAGS, PIECE_ID, QUERY_LANG, VOCAB_SIZE, WITH_ITN,
                   WITHOUT_ITN, write_tokens)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class MergedDigitPieces(torch.nn.Module):
    """Folds each first-digit piece "▁d" into its plain twin "d" (log-sum-exp of the two logits; "▁d" never wins).

    Trained with "▁4 2 7" for withitn, the model sometimes splits one spoken digit over "▁2" then "2", which greedy
    CTC emits twice ("4 2271"). Both pieces mean the same written digit and the text is trimmed anyway, so the
    exported graph scores them as one unit: withitn text is then plain digits ("4271")."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.first = PIECE_ID["\u25810"]
        self.next = PIECE_ID["0"]

    def forward(self, x, x_length, language, text_norm):
        logits = self.model(x, x_length, language, text_norm)
        f, n = self.first, self.next
        a = logits[:, :, f:f + 10]
        b = logits[:, :, n:n + 10]
        m = torch.maximum(a, b)
        merged = m + torch.log(torch.exp(a - m) + torch.exp(b - m))
        return torch.cat([logits[:, :, :f], torch.full_like(a, -10000.0), merged, logits[:, :, n + 10:]], dim=2)


def export_onnx(model, path):
    x = torch.randn(2, 23, 560)
    args = (x, torch.tensor([23, 17], dtype=torch.int32), torch.tensor([0, 4], dtype=torch.int32),
            torch.tensor([15, 14], dtype=torch.int32))
    torch.onnx.export(
        model, args, path, opset_version=14, do_constant_folding=True,
        input_names=["x", "x_length", "language", "text_norm"], output_names=["logits"],
        dynamic_axes={"x": {0: "N", 1: "T"}, "x_length": {0: "N"}, "language": {0: "N"}, "text_norm": {0: "N"},
                      "logits": {0: "N", 1: "T_plus_4"}})


def add_metadata(path, cmvn):
    m = onnx.load(path)
    meta = {
        "model_type": "sense_voice_ctc",
        "version": "1",
        "model_author": "earshot",
        "maintainer": "earshot",
        "comment": "earshot digits-en-ctc: English spoken digits, SenseVoice-format CTC",
        "url": "",
        "vocab_size": str(VOCAB_SIZE),
        "blank_id": "0",
        "lfr_window_size": "7",
        "lfr_window_shift": "6",
        "normalize_samples": "0",
        "neg_mean": ",".join(repr(float(v)) for v in cmvn["neg_mean"].tolist()),
        "inv_stddev": ",".join(repr(float(v)) for v in cmvn["inv_stddev"].tolist()),
        "with_itn": str(WITH_ITN),
        "without_itn": str(WITHOUT_ITN),
        "lang_auto": str(QUERY_LANG["auto"]),
        "lang_zh": str(QUERY_LANG["zh"]),
        "lang_en": str(QUERY_LANG["en"]),
        "lang_yue": str(QUERY_LANG["yue"]),
        "lang_ja": str(QUERY_LANG["ja"]),
        "lang_ko": str(QUERY_LANG["ko"]),
        "lang_nospeech": str(QUERY_LANG["nospeech"]),
    }
    del m.metadata_props[:]
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, path)


def write_reference(model, cmvn, val):
    """Two val strings of different length as one zero-padded batch, plus an empty utterance, with torch logits."""
    a = to_inputs(val["strings"][0]["feats"], cmvn)
    b = to_inputs(val["strings"][1]["feats"], cmvn)
    t = max(a.shape[0], b.shape[0])
    x = torch.zeros(2, t, 560)
    x[0, : a.shape[0]] = a
    x[1, : b.shape[0]] = b
    xl = torch.tensor([a.shape[0], b.shape[0]], dtype=torch.int32)
    lang = torch.tensor([0, 4], dtype=torch.int32)
    tn = torch.tensor([15, 14], dtype=torch.int32)
    with torch.no_grad():
        logits = model(x, xl, lang, tn)
        empty = model(torch.zeros(1, 0, 560), torch.tensor([0], dtype=torch.int32),
                      torch.tensor([0], dtype=torch.int32), torch.tensor([15], dtype=torch.int32))
    ref = {"x": x.flatten().tolist(), "x_shape": list(x.shape), "x_length": xl.tolist(), "language": lang.tolist(),
           "text_norm": tn.tolist(), "logits": logits.flatten().tolist(), "logits_shape": list(logits.shape),
           "empty_logits": empty.flatten().tolist()}
    with open(os.path.join(CACHE, "export-ref.json"), "w") as f:
        json.dump(ref, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "models", "digits-en-ctc"))
    ap.add_argument("--ckpt", default=os.path.join(CACHE, "ckpt.pt"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    ck = torch.load(args.ckpt)
    model = DigitsSenseVoice(VOCAB_SIZE, **ck["arch"])
    model.load_state_dict(ck["model"])
    model = MergedDigitPieces(model).eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    tokens_path = os.path.join(args.out, "tokens.txt")
    export_onnx(model, onnx_path)
    add_metadata(onnx_path, ck["cmvn"])
    write_tokens(tokens_path)
    write_reference(model, ck["cmvn"], torch.load(os.path.join(CACHE, "val.pt")))
    manifest_path = os.path.join(args.out, "manifest.json")
    old = {}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            old = json.load(f)
    # schema: libs/inference/src/models/model-manifest.ts (owned by the ASR runtime)
    manifest = {
        "name": "digits-en-ctc",
        "task": "asr",
        "format": "sensevoice-sherpa",
        "version": "1",
        "description": "English spoken digits (zero..nine, strings of any length), SenseVoice-format CTC, "
                       f"{sum(p.numel() for p in model.parameters())} parameters",
        "files": [
            {"role": "model", "path": "model.onnx", "sha256": sha256(onnx_path), "bytes": os.path.getsize(onnx_path)},
            {"role": "tokens", "path": "tokens.txt", "sha256": sha256(tokens_path),
             "bytes": os.path.getsize(tokens_path)},
        ],
        "frontend": {"sampleRate": 16000, "featureDim": 80, "frameLengthMs": 25, "frameShiftMs": 10,
                     "window": "hamming", "dither": 0, "lfrM": 7, "lfrN": 6, "cmvn": "metadata"},
        "labels": {"languages": ["en"], "languageTags": LANG_TAGS, "emotions": ["<|NEUTRAL|>", "<|EMO_UNKNOWN|>"],
                   "events": ["<|Speech|>", "<|Event_UNK|>"], "itn": ITN_TAGS,
                   "vocabularyTags": LANG_TAGS + EMO_TAGS + EVENT_TAGS + ITN_TAGS},
        "licence": "CC-BY-4.0 (trained on FSDD)",
        "card": "README.md",
        "source": "scripts/train/asr-digits (prepare.py, train.py, export.py; see README.md)",
    }
    if "metrics" in old:
        manifest["metrics"] = old["metrics"]
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", args.out, os.path.getsize(onnx_path), "bytes;", json.dumps(ck.get("val", {})))


if __name__ == "__main__":
    main()
