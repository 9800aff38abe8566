#!/bin/sh
# Regenerates the shipped sample WAVs (16 kHz mono PCM16) with espeak-ng + sox. Synthetic speech only: nothing
# here comes from ../shared/data. The digit strings are kept out of the digits model's synthetic training data
# (SAMPLE_DIGIT_STRINGS in scripts/train/asr-digits/prepare.py); keep the two lists in step.
#   sh scripts/make-samples.sh
set -eu
cd "$(dirname "$0")/.."
OUT=samples
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

# name voice speed pitch text
say() {
  espeak-ng -v "$2" -s "$3" -p "$4" -w "$TMP/$1.raw.wav" "$5"
  sox "$TMP/$1.raw.wav" -r 16000 -c 1 -b 16 "$OUT/$1.wav" pad 0.3 0.3
}

say digits-en en-us 150 50 "four two seven one"
say digits-en-gb-female en-gb+f3 140 60 "nine zero eight five three six"
say digit-seven en-us+m3 160 40 "seven"
say digits-en-slow en-gb-scotland 115 45 "two zero two six"
sox -n -r 16000 -c 1 -b 16 "$OUT/silence.wav" trim 0 1.5

ls -l "$OUT"/*.wav
