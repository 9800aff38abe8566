"""Token inventory of the digits model (tokens.txt, sherpa format "piece id").

Blank is 0. SenseVoice's tag pieces follow (the decoder finds tags by piece string, not by id), then the text pieces.
woitn text: one piece per spoken word ("▁four"). withitn text: written digits, the first digit of the string carries
the word boundary ("▁4", then "2", "7"), so "four two seven" decodes to "427" as SenseVoice's ITN writes numbers.
"""

DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

LANG_TAGS = ["<|zh|>", "<|en|>", "<|yue|>", "<|ja|>", "<|ko|>", "<|nospeech|>"]
EMO_TAGS = ["<|HAPPY|>", "<|SAD|>", "<|ANGRY|>", "<|NEUTRAL|>", "<|FEARFUL|>", "<|DISGUSTED|>", "<|SURPRISED|>",
            "<|OTHER|>", "<|EMO_UNKNOWN|>"]
EVENT_TAGS = ["<|Speech|>", "<|BGM|>", "<|Laughter|>", "<|Applause|>", "<|Cry|>", "<|Sneeze|>", "<|Breath|>",
              "<|Cough|>", "<|Sing|>", "<|Speech_Noise|>", "<|GBG|>", "<|Event_UNK|>"]
ITN_TAGS = ["<|withitn|>", "<|woitn|>"]

WORD_PIECES = ["\u2581" + w for w in DIGIT_WORDS]
FIRST_DIGIT_PIECES = ["\u2581" + str(i) for i in range(10)]
NEXT_DIGIT_PIECES = [str(i) for i in range(10)]

PIECES = ["<blk>"] + LANG_TAGS + EMO_TAGS + EVENT_TAGS + ITN_TAGS + WORD_PIECES + FIRST_DIGIT_PIECES + NEXT_DIGIT_PIECES
PIECE_ID = {p: i for i, p in enumerate(PIECES)}
VOCAB_SIZE = len(PIECES)
BLANK_ID = 0

# query ids (embedding rows) of spec §3.1
QUERY_LANG = {"auto": 0, "zh": 3, "en": 4, "yue": 7, "ja": 11, "ko": 12, "nospeech": 13}
WITH_ITN = 14
WITHOUT_ITN = 15


def text_ids(digits, with_itn: bool):
    """digits: list of ints -> CTC target ids."""
    if with_itn:
        return [PIECE_ID[("\u2581" if k == 0 else "") + str(d)] for k, d in enumerate(digits)]
    return [PIECE_ID["\u2581" + DIGIT_WORDS[d]] for d in digits]


def tag_ids(speech: bool, with_itn: bool):
    """Targets of output frames 0..3: language, emotion, event, itn."""
    itn = PIECE_ID["<|withitn|>" if with_itn else "<|woitn|>"]
    if speech:
        return [PIECE_ID["<|en|>"], PIECE_ID["<|NEUTRAL|>"], PIECE_ID["<|Speech|>"], itn]
    return [PIECE_ID["<|nospeech|>"], PIECE_ID["<|EMO_UNKNOWN|>"], PIECE_ID["<|Event_UNK|>"], itn]


def write_tokens(path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, p in enumerate(PIECES):
            f.write(f"{p} {i}\n")


def decode_text(ids):
    """Greedy-decoded text ids (tags removed) -> text as sherpa renders it (▁ -> space, trimmed)."""
    return "".join(PIECES[i] for i in ids).replace("\u2581", " ").strip()
