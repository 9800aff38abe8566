"""Train the digits SenseVoice-format CTC model on the cached features (run prepare.py first).

  scripts/train/asr-digits/run.sh train.py [--epochs 9] [--init .cache/stage1.pt --lr 1e-3 --warmup 50]

Seeded; writes .cache/ckpt.pt (last epoch) and prints val WER (woitn words) per epoch.
"""
import argparse
import json
import math
import os
import random
import time

import torch
import torch.nn.functional as F

from evaluate import edit_distance, greedy, text_of
from frontend import apply_cmvn, lfr
from model import DigitsSenseVoice
from vocab import DIGIT_WORDS, QUERY_LANG, VOCAB_SIZE, WITH_ITN, WITHOUT_ITN, tag_ids, text_ids

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("ASR_DIGITS_CACHE", os.path.join(HERE, ".cache"))
ARCH = {"d": 96, "heads": 4, "ffn": 384, "layers": 4, "kernel": 11}


def to_inputs(feats, cmvn):
    x = lfr(feats.float())
    return apply_cmvn(x, cmvn["neg_mean"], cmvn["inv_stddev"])


def make_batches(lengths, max_frames, rng):
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches, cur, cur_max = [], [], 0
    for i in order:
        m = max(cur_max, lengths[i] + 4)
        if cur and m * (len(cur) + 1) > max_frames:
            batches.append(cur)
            cur, m = [], lengths[i] + 4
        cur.append(i)
        cur_max = m
    if cur:
        batches.append(cur)
    rng.shuffle(batches)
    return batches


def pad(xs):
    n, t = len(xs), max(x.shape[0] for x in xs)
    out = torch.zeros(n, t, xs[0].shape[1])
    for i, x in enumerate(xs):
        out[i, : x.shape[0]] = x
    return out


def spec_augment(x, rng):
    """x [T,560] (CMVN'd): time masks and mel-bin masks (the same bins in all 7 stacked frames)."""
    x = x.clone()
    t = x.shape[0]
    for _ in range(2):
        w = rng.randint(0, min(3, max(t // 8, 0)))
        if w:
            s = rng.randint(0, t - w)
            x[s:s + w] = 0.0
    v = x.view(t, 7, 80)
    for _ in range(2):
        w = rng.randint(0, 10)
        if w:
            s = rng.randint(0, 80 - w)
            v[:, :, s:s + w] = 0.0
    return x


def pick_language(rng):
    r = rng.random()
    if r < 0.5:
        return QUERY_LANG["auto"]
    if r < 0.85:
        return QUERY_LANG["en"]
    return QUERY_LANG[rng.choice(["zh", "yue", "ja", "ko"])]


@torch.no_grad()
def evaluate(model, val, cmvn, with_itn=False, limit=None):
    model.eval()
    errs = words = exact = tag_ok = 0
    items = val if limit is None else val[:limit]
    for it in items:
        x = to_inputs(it["feats"], cmvn)
        n = x.shape[0]
        logits = model(x.unsqueeze(0), torch.tensor([n], dtype=torch.int32), torch.tensor([0], dtype=torch.int32),
                       torch.tensor([WITH_ITN if with_itn else WITHOUT_ITN], dtype=torch.int32))[0]
        tags, text = greedy(logits, n)
        hyp = text_of(text)
        if with_itn:
            ref = "".join(str(d) for d in it["digits"])
            errs += edit_distance(list(hyp), list(ref))
            words += len(ref)
        else:
            ref = " ".join(DIGIT_WORDS[d] for d in it["digits"])
            errs += edit_distance(hyp.split(), ref.split())
            words += len(it["digits"])
        exact += hyp == ref
        tag_ok += tags == tag_ids(True, with_itn)
    model.train()
    return {"wer": errs / max(words, 1), "exact": exact / len(items), "tags_ok": tag_ok / len(items)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--max-frames", type=int, default=1600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--init", default=None, help="start from this checkpoint's weights (a second stage)")
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--extra", action="store_true", help="also train on .cache/train-extra.pt (prepare.py --extra)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    train = torch.load(os.path.join(CACHE, "train.pt"))
    val = torch.load(os.path.join(CACHE, "val.pt"))
    cmvn = train["cmvn"]
    items = train["items"]
    if args.extra:
        items = items + torch.load(os.path.join(CACHE, "train-extra.pt"))["items"]
    xs = [to_inputs(it["feats"], cmvn) for it in items]
    lengths = [x.shape[0] for x in xs]
    print(f"{len(items)} training items, {sum(lengths)} LFR frames", flush=True)

    model = DigitsSenseVoice(VOCAB_SIZE, **ARCH)
    if args.init:
        model.load_state_dict(torch.load(args.init)["model"])
        print("init from", args.init, flush=True)
    print("params", sum(p.numel() for p in model.parameters()), flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = len(make_batches(lengths, args.max_frames, random.Random(0)))
    total = steps_per_epoch * args.epochs
    warm = max(1, min(args.warmup, total // 10))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(s, total) / total)))
    step = 0
    t0 = time.time()
    history = []
    for epoch in range(args.epochs):
        tot_ctc = tot_ce = 0.0
        batches = make_batches(lengths, args.max_frames, rng)
        for b in batches:
            feats, tn, lang, tags, targets, tlens = [], [], [], [], [], []
            for i in b:
                it = items[i]
                w_itn = rng.random() < 0.5
                feats.append(spec_augment(xs[i], rng) if rng.random() < 0.8 else xs[i])
                tn.append(WITH_ITN if w_itn else WITHOUT_ITN)
                lang.append(pick_language(rng))
                tags.append(tag_ids(it["speech"], w_itn))
                tgt = text_ids(it["digits"], w_itn)
                targets.extend(tgt)
                tlens.append(len(tgt))
            x = pad(feats)
            xl = torch.tensor([f.shape[0] for f in feats], dtype=torch.int32)
            logits = model(x, xl, torch.tensor(lang, dtype=torch.int32), torch.tensor(tn, dtype=torch.int32))
            ce = F.cross_entropy(logits[:, :4].reshape(-1, VOCAB_SIZE), torch.tensor(tags).reshape(-1))
            logp = F.log_softmax(logits[:, 4:], dim=-1).transpose(0, 1)
            ctc = F.ctc_loss(logp, torch.tensor(targets, dtype=torch.long), xl.long(),
                             torch.tensor(tlens, dtype=torch.long), blank=0, reduction="sum",
                             zero_infinity=True) / len(b)
            loss = ctc + ce
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sched.step()
            step += 1
            tot_ctc += float(ctc)
            tot_ce += float(ce)
            if step % 50 == 0:
                print(f"ep {epoch} step {step}/{total} ctc {tot_ctc / (batches.index(b) + 1):.3f} "
                      f"ce {tot_ce / (batches.index(b) + 1):.4f} {time.time() - t0:.0f}s", flush=True)
        res = evaluate(model, val["strings"], cmvn, limit=100)
        res.update({"epoch": epoch, "seconds": round(time.time() - t0)})
        history.append(res)
        print("val(100 strings, woitn)", json.dumps(res), flush=True)
        torch.save({"model": model.state_dict(), "arch": ARCH, "cmvn": cmvn, "epoch": epoch, "history": history,
                    "args": vars(args)}, os.path.join(CACHE, "ckpt.pt"))
    full = {
        "woitn_strings": evaluate(model, val["strings"], cmvn),
        "withitn_strings": evaluate(model, val["strings"], cmvn, with_itn=True),
        "woitn_singles": evaluate(model, val["singles"], cmvn),
    }
    print("final val", json.dumps(full), flush=True)
    ck = torch.load(os.path.join(CACHE, "ckpt.pt"))
    ck["val"] = full
    torch.save(ck, os.path.join(CACHE, "ckpt.pt"))


if __name__ == "__main__":
    main()
