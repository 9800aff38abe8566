"""Writes models/aed-events/README.md (the model card) from manifest.json, val-metrics.json and split.csv.

  /usr/bin/python3 scripts/train/aed/write_card.py
"""
import csv
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "models", "aed-events")


def main():
    m = json.load(open(os.path.join(OUT, "manifest.json")))
    rep = json.load(open(os.path.join(OUT, "val-metrics.json")))
    rows = list(csv.DictReader(open(os.path.join(HERE, "split.csv"))))
    counts = Counter((r["split"], r["event"]) for r in rows)
    groups = Counter((r["split"], r["event"]) for r in {(r["split"], r["event"], r["group"]): r for r in rows}.values())
    c = m["classifier"]
    cry, cry8 = rep["cry"], rep["cry_bandlimited_8k"]
    L = []
    L.append("# aed-events: audio events with a calibrated cry score\n")
    L.append(f"Small temporal CNN over 64-bin Kaldi log-mel (the suite's TS front-end), {os.path.getsize(os.path.join(OUT, 'model.onnx')) // 1024} KiB ONNX "
             "(opset 13, dynamic batch and time). Outputs per-frame sigmoid scores every 40 ms (`frame_probs [N, ceil(T/4), 9]`) "
             "and a linear-softmax pooled clip score (`clip_probs [N, 9]`). Labels: " + ", ".join(c["labels"]) + ". "
             "Silence is not a class: audio (or a window) under "
             f"{c['windowing']['silenceRmsDbfs']} dBFS RMS is answered as silence without a model call.\n")
    L.append("## Licence\n")
    L.append("**Non-commercial (CC BY-NC 3.0).** The model saw ESC-50 (CC BY-NC 3.0), RAVDESS (CC BY-NC-SA 4.0) and the "
             "emotiontts open DB sample (CC BY-NC-SA), so it may not be used commercially. Also: donateacry corpus "
             "(ODbL 1.0 / DbCL 1.0), covid19-cough subset (CC0), Free Spoken Digit Dataset (CC BY 4.0), librosa example "
             "music and speech (CC BY 3.0 / CC BY-NC 3.0 / public domain per track; LibriSpeech CC BY 4.0). No audio "
             "from these corpora is in this repository.\n")
    L.append("## Data and split\n")
    L.append("`events.csv` (925 rows, train only upstream) is split **by group** (source recording / app install / "
             "track): per stratum (event; Cry per corpus; `other` per fine label) about 20 % of the groups go to val, "
             "seeded (`prepare.py`, seed 20261128); no group is in both splits (asserted). The Speech class comes from "
             "`ser.csv` + `lid.csv` (RAVDESS English, Korean emotiontts; deduplicated by path) and `fsdd.csv` (8 kHz "
             "digits, resampled to 16 kHz; 700 of the 2250 train rows kept), using their own train/val rows. The split is "
             "committed as `scripts/train/aed/split.csv`.\n")
    L.append("| event | train clips (groups) | val clips (groups) |\n|---|---|---|")
    for e in c["labels"]:
        L.append(f"| {e} | {counts[('train', e)]} ({groups[('train', e)]}) | {counts[('val', e)]} ({groups[('val', e)]}) |")
    L.append("")
    L.append("Laughter, Sneeze, Breath and Applause have 7 clips each in total (5-6 for training, 1-2 in val); BGM has "
             "6 tracks (1 track in val). Their figures below are anecdotal, not estimates: do not rely on those classes.\n")
    L.append("## Training\n")
    L.append("```\n/usr/bin/python3 scripts/train/aed/prepare.py     # split + decoded audio cache (.cache/, gitignored)\n"
             "/usr/bin/python3 scripts/train/aed/featurize.py   # log-mel variants (exact TS front-end)\n"
             "/usr/bin/python3 scripts/train/aed/train.py --steps 1800                       # stage 1, 1 thread\n"
             "/usr/bin/python3 scripts/train/aed/train.py --init scripts/train/aed/.cache/model-1800.pt \\\n"
             "    --steps 1200 --max-lr 1e-3 --tag=-stage2                                     # stage 2 (lower LR)\n"
             "/usr/bin/python3 scripts/train/aed/write_card.py  # this card\n```\n")
    L.append(f"Debian torch 1.13, seed {m['training']['seed']}, batch {m['training']['batch']}, about 25 min in all on a shared "
             "2-core box. Features: `scripts/train/common/batch_fbank.py` is a batched copy of `torchaudio.compliance.kaldi.fbank` (dither 0, "
             "hamming, snip_edges, 25/10 ms, 64 bins 20 Hz-8 kHz, samples x32768; max abs diff 0 against torchaudio, "
             "checked at every run). Per-bin mean/std of the train log-mel are baked into the ONNX graph.\n")
    L.append("Augmentation (`augment.py`), in the mel-power domain over cached variants because the shared CPU could not "
             "afford fbank per step: every clip exists as recorded, **band-limited through 8 kHz**, with synthetic-RIR "
             "reverberation, and both; band-limited draws are 70 % for non-cry classes and 75 % for Cry (half of the cry "
             "draws are donateacry, telephone-band already), so band-limiting does not mean cry. Cry draws are "
             "corpus-balanced (ESC-50 : donateacry = 1 : 1). Random crops and time shifts; short clips and random pieces "
             "of long ones placed into near-silence; 45 % of items mix a second clip of any class at -5..+20 dB SNR (its "
             "label kept when within 10 dB, masked from the loss when fainter); noise floor; gain -20..+10 dB; a frequency "
             "mask. Mixing by adding mel power is exact in expectation for uncorrelated sources, not per frame. Loss: "
             "binary cross-entropy on the pooled clip scores (clip labels only; frames are learned weakly).\n")
    L.append("## Cry score and threshold\n")
    L.append(f"score = max over windows ({c['windowing']['windowSeconds']} s, hop {c['windowing']['hopSeconds']} s; one "
             "window for shorter audio, zero-padded to 1 s) and over time of the 1 s moving average "
             f"({c['frameScoreSmoothing']} frames) of the Cry frame probability, in [0, 1]. On val this separated cries "
             "from non-cries better than the pooled clip probability (same model, same 1 % budget: recall 0.76 pooled "
             "vs 0.93 smoothed-frame for the first-stage model). **threshold = "
             f"{c['cry']['threshold']:.4f}**: the lowest threshold with at most 1 % false alarms on the val non-cry clips "
             "both as recorded and band-limited through 8 kHz (`train.py` `choose_threshold`).\n")
    L.append("| val set | cry clips | non-cry clips | recall | precision | F1 | false alarms |\n|---|---|---|---|---|---|---|")
    for name, r in (("as recorded", cry), ("band-limited through 8 kHz", cry8)):
        L.append(f"| {name} | {r['positives']} | {r['negatives']} | {r['recall']:.3f} | {r['precision']:.3f} | "
                 f"{r['f1']:.3f} | {r['fp']} ({100 * r['false_alarm_rate']:.1f} %) |")
    L.append("")
    L.append("Recall per corpus (as recorded): " + ", ".join(f"{k} {v}" for k, v in cry["recall_by_corpus"].items())
             + "; band-limited: " + ", ".join(f"{k} {v}" for k, v in cry8["recall_by_corpus"].items()) + ".\n")
    L.append("False alarms by val group (as recorded): " + ", ".join(f"{k} {v}" for k, v in cry["false_alarms_by_group"].items())
             + ".\n")
    L.append("## Per-class precision / recall on val (top label, as `classify --task aed` prints)\n")
    L.append(f"Accuracy of the top label: {rep['accuracy_argmax']:.3f} over {sum(v['n'] for v in rep['per_class_argmax'].values())} val clips.\n")
    L.append("| class | val clips | precision | recall | F1 |\n|---|---|---|---|---|")
    for e, v in rep["per_class_argmax"].items():
        note = " (anecdotal)" if v["n"] < 5 else ""
        L.append(f"| {e}{note} | {v['n']} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |")
    L.append("")
    L.append("## Limits\n")
    L.append("- Val has 8 full-band (ESC-50) cries from 3 recordings and 76 telephone-band donateacry cries from ~35 "
             "installs; the val false-alarm estimate rests on 450 clips, most of them speech (346). A 1 % budget is 4 "
             "clips: the threshold is a coarse estimate.\n"
             "- Trained on clip labels only: segment boundaries come from frame scores learned weakly; treat them as "
             "approximate (40 ms grid, merged across gaps of 0.2 s).\n"
             "- Below the issue's bar on val: cry F1 " + f"{cry['f1']:.3f}" + " at " + f"{100 * cry['false_alarm_rate']:.1f}" +
             " % false alarms, while the held-out grading expects F1 >= 0.95 at <= 2 %. The full-band (ESC-50) "
             "cries are the weak spot (" + cry["recall_by_corpus"].get("esc50", "?") + " on val): only 26 such "
             "clips from 12 recordings were available for training.\n"
             "- The top label of `classify` over-calls Cry (its precision is lower than the calibrated detector's); "
             "use `detect-cry` for cry decisions. Laughter, Sneeze, Breath, Applause and BGM are not reliable.\n"
             "- No Mandarin, Cantonese or Japanese speech was available for the Speech class.\n")
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
