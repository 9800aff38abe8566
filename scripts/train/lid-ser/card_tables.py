"""Prints the VAL figures of a trained model (val-metrics.json) as Markdown tables for its model card.

  /usr/bin/python3 scripts/train/lid-ser/card_tables.py models/ser-4class
"""
import json
import os
import sys


def pct(v):
    return "n/a" if v is None else f"{100 * v:.1f} %"


def confusion(block):
    labels = block["confusion"]["rows_true_cols_pred"]
    lines = ["| true \\ predicted | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for l, row in zip(labels, block["confusion"]["matrix"]):
        lines.append(f"| **{l}** | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def main():
    d = sys.argv[1]
    m = json.load(open(os.path.join(d, "val-metrics.json")))
    val = m["val"]
    labels = m["labels"]
    print("| split | clips | accuracy | unweighted accuracy (mean recall) | " + " | ".join(f"recall {l}" for l in labels) + " |")
    print("|---|---|---|---|" + "---|" * len(labels))
    for name, b in [("VAL, all", val["overall"])] + [(f"VAL, {k}", v) for k, v in val["per_corpus"].items()]:
        print(f"| {name} | {b['n']} | {pct(b['accuracy'])} | {pct(b['unweighted_accuracy'])} | "
              + " | ".join(pct(b["recall"][l]) for l in labels) + " |")
    print()
    print("Per held-out speaker accuracy: " + ", ".join(f"{k} {pct(v)}" for k, v in val["per_speaker_accuracy"].items()))
    for name, b in [("all VAL", val["overall"])] + list(val["per_corpus"].items()):
        print(f"\nConfusion, {name}:\n")
        print(confusion(b))


if __name__ == "__main__":
    main()
