"""Writes models/<name>/manifest.json from a trained model directory (model.onnx + val-metrics.json written by
train.py): checksums, the front-end and the "classifier" block the TS runtime reads (libs/inference/src/classifiers).

  /usr/bin/python3 scripts/train/lid-ser/package.py --task ser [--dir models/ser-4class]
"""
import argparse
import hashlib
import json
import os

from data import REPO
from train import HOP_S, MIN_S, N_MELS, SILENCE_DBFS, TASKS, WINDOW_S

DESCRIPTIONS = {
    "ser": "Speech emotion (neutral, happy, sad, angry) per clip; trained on acted English (RAVDESS) and Korean "
           "(emotiontts) speech only; VAL unweighted accuracy below the 70 % goal (see README.md)",
    "lid": "Spoken language (en, ko) per clip; trained on English (RAVDESS, FSDD digits, 3 LibriSpeech excerpts) and "
           "Korean (emotiontts) speech only: other languages are out of its range",
}
LICENCE = ("CC-BY-NC-SA-4.0 (non-commercial, share-alike: trained on RAVDESS CC BY-NC-SA 4.0 and the emotiontts "
           "open DB CC BY-NC-SA)")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def manifest(task, model_dir):
    cfg = TASKS[task]
    m = json.load(open(os.path.join(model_dir, "val-metrics.json")))
    val = m["val"]
    onnx = os.path.join(model_dir, "model.onnx")
    metrics = {"val_accuracy": val["overall"]["accuracy"], "val_unweighted_accuracy": val["overall"]["unweighted_accuracy"]}
    for corpus, b in val["per_corpus"].items():
        metrics[f"val_{corpus}_accuracy"] = b["accuracy"]
        metrics[f"val_{corpus}_unweighted_accuracy"] = b["unweighted_accuracy"]
    licence = LICENCE if task == "ser" else LICENCE + "; also FSDD and LibriSpeech excerpts, CC BY 4.0"
    return {
        "name": cfg["out"],
        "task": task,
        "format": "classifier",
        "version": "1",
        "description": DESCRIPTIONS[task],
        "files": [{"role": "model", "path": "model.onnx", "sha256": sha256(onnx), "bytes": os.path.getsize(onnx)}],
        "frontend": {"sampleRate": 16000, "featureDim": N_MELS, "frameLengthMs": 25, "frameShiftMs": 10,
                     "window": "hamming", "dither": 0, "cmvn": "none"},
        "labels": {("emotions" if task == "ser" else "languages"): cfg["labels"]},
        "licence": licence,
        "card": "README.md",
        "source": f"scripts/train/lid-ser/train.py --task {task} (seed {m['seed']}, {m['steps']} steps)",
        "metrics": metrics,
        "classifier": {
            "fbank": {"lowFreq": 20, "highFreq": 0, "preemphCoeff": 0.97, "removeDcOffset": True,
                      "sampleScale": 32768, "snipEdges": True},
            "normalization": ("in-graph: train-set per-bin mean/std, then per-utterance mean removal (CMN)"
                              if m.get("arch", "cnn") == "cnn" else "in-graph: train-set per-bin mean/std"),
            "architecture": ("1-D CNN, masked mean+std pooling" if m.get("arch", "cnn") == "cnn"
                             else "utterance statistics of log-mel (mean, std, mean |slope| per bin; energy spread "
                                  "and slope) + MLP"),
            "input": "features",
            "layout": "NTF",
            "clipOutput": "probs",
            "applyActivation": "none",
            "multiLabel": False,
            "frameStride": 1,
            "labels": cfg["labels"],
            "windowing": {"windowSeconds": WINDOW_S, "hopSeconds": HOP_S, "minSeconds": MIN_S,
                          "silenceRmsDbfs": SILENCE_DBFS, "aggregate": "mean"},
        },
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", choices=sorted(TASKS), required=True)
    ap.add_argument("--dir")
    args = ap.parse_args()
    d = args.dir or os.path.join(REPO, "models", TASKS[args.task]["out"])
    with open(os.path.join(d, "manifest.json"), "w") as f:
        json.dump(manifest(args.task, d), f, indent=2)
        f.write("\n")
    print("wrote", os.path.join(d, "manifest.json"))


if __name__ == "__main__":
    main()
