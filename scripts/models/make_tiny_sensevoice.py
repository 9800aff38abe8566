#!/usr/bin/env python3
"""Generate tiny, deterministic SenseVoice-format ONNX models for tests (both export flavours).

    /usr/bin/python3 scripts/models/make_tiny_sensevoice.py [--out test/fixtures/models]

Writes
    tiny-sensevoice-sherpa/model.onnx + tokens.txt     (sherpa-onnx export: x/x_length/language/text_norm -> logits,
                                                         CMVN and query ids in the ONNX metadata_props)
    tiny-sensevoice-funasr/model_quant.onnx + am.mvn + tokens.json + tokens.txt
                                                        (FunASR export: speech/speech_lengths/language/textnorm ->
                                                         ctc_logits/encoder_out_lens, no metadata)

The graph mimics the real model's contract, not its accuracy:
    H = concat(E[language], E[1], E[2], E[text_norm], x)            # [N, T+4, 560], the 4 query frames first
    C = masked mean of x over its first x_length frames              # [N, 1, 560], utterance context
    logits = tanh((H + 0.5 C) W1 + b1) W2 + b2 + concat(Q[queries], x Wt + tb)
Q is a per-query bias that pushes each query frame towards its tag group (language / emotion / event / itn), while
the MLP term (which sees C) picks the tag inside the group, so tags depend on the audio. Wt only feeds the blank
column from the frame energy and tb keeps tags out of text frames, so silence decodes to blank and speech to text pieces. Masking by x_length makes the
output of a zero-padded batch equal to the unbatched output, as in the real encoder.
Everything comes from numpy RandomState(seed); rerunning gives byte-identical files.
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SEED = 20261128
FEAT = 560
HIDDEN = 48

LANG_TAGS = ["<|zh|>", "<|en|>", "<|yue|>", "<|ja|>", "<|ko|>", "<|nospeech|>"]
EMO_TAGS = ["<|HAPPY|>", "<|SAD|>", "<|ANGRY|>", "<|NEUTRAL|>", "<|FEARFUL|>", "<|DISGUSTED|>", "<|SURPRISED|>",
            "<|OTHER|>", "<|EMO_UNKNOWN|>"]
EVENT_TAGS = ["<|Speech|>", "<|BGM|>", "<|Laughter|>", "<|Applause|>", "<|Cry|>", "<|Sneeze|>", "<|Breath|>",
              "<|Cough|>", "<|Sing|>", "<|Speech_Noise|>", "<|GBG|>", "<|Event_UNK|>"]
ITN_TAGS = ["<|withitn|>", "<|woitn|>"]
TEXT_PIECES = ["▁the", "▁one", "▁two", "▁three", "▁four", "▁five", "▁six", "▁seven", "▁eight", "▁nine", "▁zero",
               "▁a", "▁hello", "▁world", "s", "ing", "ed", "er", "▁你", "好", "。", ",", "?", "▁I"]
VOCAB = ["<blank>", "<s>", "</s>"] + LANG_TAGS + EMO_TAGS + EVENT_TAGS + ITN_TAGS + TEXT_PIECES
TOK = {p: i for i, p in enumerate(VOCAB)}

# query ids (rows of the 16-row embedding table), as in the real SenseVoiceSmall
LANG_QUERY = {"auto": 0, "zh": 3, "en": 4, "yue": 7, "ja": 11, "ko": 12, "nospeech": 13}
WITH_ITN, WITHOUT_ITN = 14, 15


def build_weights(rng):
    v = len(VOCAB)
    emb = rng.standard_normal((16, FEAT)).astype(np.float32)
    w1 = (rng.standard_normal((FEAT, HIDDEN)) / np.sqrt(FEAT) * 3.0).astype(np.float32)
    b1 = (rng.standard_normal(HIDDEN) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((HIDDEN, v)) * 0.35).astype(np.float32)
    b2 = np.zeros(v, np.float32)
    b2[0] = 0.5  # a little blank prior, as in any CTC model
    # query biases: lift the right tag group well above text pieces and blank
    q = np.full((16, v), -4.0, np.float32)
    lang_of_query = {3: "<|zh|>", 4: "<|en|>", 7: "<|yue|>", 11: "<|ja|>", 12: "<|ko|>", 13: "<|nospeech|>"}
    for row in range(16):
        if row == 0:  # auto: any language, the audio context decides
            for t in LANG_TAGS:
                q[row, TOK[t]] = 8.0
        elif row == 1:
            for t in EMO_TAGS:
                q[row, TOK[t]] = 8.0
        elif row == 2:
            for t in EVENT_TAGS:
                q[row, TOK[t]] = 8.0
        elif row in lang_of_query:
            q[row, TOK[lang_of_query[row]]] = 14.0
        elif row == WITH_ITN:
            q[row, TOK["<|withitn|>"]] = 14.0
        elif row == WITHOUT_ITN:
            q[row, TOK["<|woitn|>"]] = 14.0
    # text frames: the blank logit falls with frame energy (mean of the CMVN-normalised features)
    wt = np.zeros((FEAT, v), np.float32)
    wt[:, 0] = -3.0 / FEAT
    # text frames emit text pieces, not tags
    tb = np.zeros(v, np.float32)
    tb[3:3 + len(LANG_TAGS) + len(EMO_TAGS) + len(EVENT_TAGS) + len(ITN_TAGS)] = -6.0
    return dict(emb=emb, w1=w1, b1=b1, w2=w2, b2=b2, q=q, wt=wt, tb=tb)


def build_cmvn(rng):
    # plausible log-mel statistics tiled 7x, like am.mvn (80 values repeated for the 7 stacked frames)
    mean80 = np.linspace(11.0, 15.0, 80) + rng.uniform(-0.5, 0.5, 80)
    std80 = np.linspace(3.0, 2.4, 80)
    neg_mean = np.tile(-mean80, 7).astype(np.float32)
    inv_std = np.tile(1.0 / std80, 7).astype(np.float32)
    return neg_mean, inv_std


def build_graph(w, names):
    x, x_len, lang, tn = names["inputs"]
    init = [numpy_helper.from_array(w[k], k) for k in ("emb", "w1", "b1", "w2", "b2", "q", "wt", "tb")]
    init += [
        numpy_helper.from_array(np.array([1], np.int64), "axis1"),
        numpy_helper.from_array(np.array(0, np.int64), "zero_i64"),
        numpy_helper.from_array(np.array(1, np.int64), "one_i64"),
        numpy_helper.from_array(np.array(1, np.int32), "one_i32"),
        numpy_helper.from_array(np.array(2, np.int32), "two_i32"),
        numpy_helper.from_array(np.array(0.5, np.float32), "half"),
        numpy_helper.from_array(np.array(1.0, np.float32), "one_f"),
    ]
    n = helper.make_node
    nodes = [
        # query ids per utterance, [N] each -> [N, 4]
        n("Sub", [lang, lang], ["zeros_n"]),
        n("Add", ["zeros_n", "one_i32"], ["q1"]),
        n("Add", ["zeros_n", "two_i32"], ["q2"]),
        n("Unsqueeze", [lang, "axis1"], ["lang_u"]),
        n("Unsqueeze", ["q1", "axis1"], ["q1_u"]),
        n("Unsqueeze", ["q2", "axis1"], ["q2_u"]),
        n("Unsqueeze", [tn, "axis1"], ["tn_u"]),
        n("Concat", ["lang_u", "q1_u", "q2_u", "tn_u"], ["queries"], axis=1),
        n("Gather", ["emb", "queries"], ["q_emb"], axis=0),  # [N, 4, 560]
        n("Concat", ["q_emb", x], ["h"], axis=1),  # [N, T+4, 560]
        # mask [N, T, 1] from x_length
        n("Shape", [x], ["x_shape"]),
        n("Gather", ["x_shape", "one_i64"], ["t_len"], axis=0),
        n("Range", ["zero_i64", "t_len", "one_i64"], ["t_idx"]),
        n("Cast", [x_len], ["x_len64"], to=TensorProto.INT64),
        n("Unsqueeze", ["x_len64", "axis1"], ["x_len_u"]),  # [N, 1]
        n("Less", ["t_idx", "x_len_u"], ["mask_b"]),  # [N, T]
        n("Cast", ["mask_b"], ["mask_f"], to=TensorProto.FLOAT),
        n("Unsqueeze", ["mask_f", "axis2"], ["mask3"]),
        n("Mul", [x, "mask3"], ["x_masked"]),
        n("ReduceSum", ["x_masked", "axis1"], ["x_sum"], keepdims=1),  # [N, 1, 560]
        n("Cast", [x_len], ["x_len_f"], to=TensorProto.FLOAT),
        n("Max", ["x_len_f", "one_f"], ["x_len_safe"]),
        n("Unsqueeze", ["x_len_safe", "axis12"], ["x_len_f3"]),  # [N, 1, 1]
        n("Div", ["x_sum", "x_len_f3"], ["ctx"]),
        n("Mul", ["ctx", "half"], ["ctx_half"]),
        n("Add", ["h", "ctx_half"], ["z"]),
        n("MatMul", ["z", "w1"], ["z1"]),
        n("Add", ["z1", "b1"], ["z1b"]),
        n("Tanh", ["z1b"], ["z1t"]),
        n("MatMul", ["z1t", "w2"], ["mlp"]),
        n("Add", ["mlp", "b2"], ["mlp_b"]),
        n("Gather", ["q", "queries"], ["q_bias"], axis=0),  # [N, 4, V]
        n("MatMul", [x, "wt"], ["t_energy"]),  # [N, T, V]
        n("Add", ["t_energy", "tb"], ["t_bias"]),
        n("Concat", ["q_bias", "t_bias"], ["bias"], axis=1),
        n("Add", ["mlp_b", "bias"], [names["logits"]]),
    ]
    init += [
        numpy_helper.from_array(np.array([2], np.int64), "axis2"),
        numpy_helper.from_array(np.array([1, 2], np.int64), "axis12"),
    ]
    outputs = [helper.make_tensor_value_info(names["logits"], TensorProto.FLOAT, ["N", "T4", len(VOCAB)])]
    if "lens" in names:
        init.append(numpy_helper.from_array(np.array(4, np.int32), "four_i32"))
        nodes.append(n("Add", [x_len, "four_i32"], [names["lens"]]))
        outputs.append(helper.make_tensor_value_info(names["lens"], TensorProto.INT32, ["N"]))
    inputs = [
        helper.make_tensor_value_info(x, TensorProto.FLOAT, ["N", "T", FEAT]),
        helper.make_tensor_value_info(x_len, TensorProto.INT32, ["N"]),
        helper.make_tensor_value_info(lang, TensorProto.INT32, ["N"]),
        helper.make_tensor_value_info(tn, TensorProto.INT32, ["N"]),
    ]
    graph = helper.make_graph(nodes, "tiny_sensevoice", inputs, outputs, init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="earshot")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write_tokens_txt(path):
    with open(path, "w", encoding="utf-8") as f:
        for i, p in enumerate(VOCAB):
            f.write(f"{p} {i}\n")


def write_am_mvn(path, neg_mean, inv_std):
    fmt = lambda a: " ".join(f"{v:.6g}" for v in a)
    with open(path, "w", encoding="ascii") as f:
        f.write("<Nnet>\n<Splice> 560 560\n[ 0 ]\n<AddShift> 560 560\n")
        f.write(f"<LearnRateCoef> 0 [ {fmt(neg_mean)} ]\n<Rescale> 560 560\n")
        f.write(f"<LearnRateCoef> 0 [ {fmt(inv_std)} ]\n</Nnet>\n")


def write_manifest(d, name, fmt, files, cmvn):
    import hashlib
    import json
    entries = []
    for role, path in files:
        with open(os.path.join(d, path), "rb") as f:
            data = f.read()
        entries.append({"role": role, "path": path, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    manifest = {
        "name": name, "task": "asr", "format": fmt, "version": "1",
        "description": "Tiny deterministic SenseVoice-format model with random weights, for tests only",
        "files": entries,
        "frontend": {"sampleRate": 16000, "featureDim": 80, "frameLengthMs": 25, "frameShiftMs": 10,
                     "window": "hamming", "dither": 0, "lfrM": 7, "lfrN": 6, "cmvn": cmvn},
        "labels": {"languages": ["zh", "en", "yue", "ja", "ko", "nospeech"]},
        "licence": "Apache-2.0 (generated by the project)",
        "source": "/usr/bin/python3 scripts/models/make_tiny_sensevoice.py",
    }
    with open(os.path.join(d, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "models"))
    args = ap.parse_args()
    rng = np.random.RandomState(SEED)
    w = build_weights(rng)
    neg_mean, inv_std = build_cmvn(rng)
    # round through the text format so metadata and am.mvn carry exactly the same numbers
    neg_mean = np.array([float(f"{v:.6g}") for v in neg_mean], np.float32)
    inv_std = np.array([float(f"{v:.6g}") for v in inv_std], np.float32)

    sherpa_dir = os.path.join(args.out, "tiny-sensevoice-sherpa")
    os.makedirs(sherpa_dir, exist_ok=True)
    m = build_graph(w, {"inputs": ["x", "x_length", "language", "text_norm"], "logits": "logits"})
    meta = {
        "model_type": "sense_voice_ctc",
        "version": "2",
        "model_author": "earshot",
        "maintainer": "earshot",
        "url": "scripts/models/make_tiny_sensevoice.py",
        "comment": "tiny deterministic SenseVoice-format test model (random weights)",
        "vocab_size": str(len(VOCAB)),
        "lfr_window_size": "7",
        "lfr_window_shift": "6",
        "normalize_samples": "0",
        "neg_mean": ",".join(f"{v:.6g}" for v in neg_mean),
        "inv_stddev": ",".join(f"{v:.6g}" for v in inv_std),
        "with_itn": str(WITH_ITN),
        "without_itn": str(WITHOUT_ITN),
        **{f"lang_{k}": str(v) for k, v in LANG_QUERY.items()},
    }
    helper.set_model_props(m, meta)
    onnx.save(m, os.path.join(sherpa_dir, "model.onnx"))
    write_tokens_txt(os.path.join(sherpa_dir, "tokens.txt"))

    funasr_dir = os.path.join(args.out, "tiny-sensevoice-funasr")
    os.makedirs(funasr_dir, exist_ok=True)
    m = build_graph(w, {"inputs": ["speech", "speech_lengths", "language", "textnorm"], "logits": "ctc_logits",
                        "lens": "encoder_out_lens"})
    onnx.save(m, os.path.join(funasr_dir, "model_quant.onnx"))
    write_am_mvn(os.path.join(funasr_dir, "am.mvn"), neg_mean, inv_std)
    write_tokens_txt(os.path.join(funasr_dir, "tokens.txt"))
    with open(os.path.join(funasr_dir, "tokens.json"), "w", encoding="utf-8") as f:
        import json
        json.dump(VOCAB, f, ensure_ascii=False)
    write_manifest(sherpa_dir, "tiny-sensevoice-sherpa", "sensevoice-sherpa",
                   [("model", "model.onnx"), ("tokens", "tokens.txt")], "metadata")
    write_manifest(funasr_dir, "tiny-sensevoice-funasr", "sensevoice-funasr",
                   [("model", "model_quant.onnx"), ("tokens", "tokens.json"), ("cmvn", "am.mvn")], "file")
    print(f"wrote {sherpa_dir} and {funasr_dir} (vocab {len(VOCAB)})")


if __name__ == "__main__":
    main()
