#!/bin/sh
# Regenerates the shipped sample WAVs (16 kHz mono PCM16) with espeak-ng + sox. Synthetic speech only: nothing
# here comes from ../shared/data. The digit strings are kept out of the digits model's synthetic training data
# (SAMPLE_DIGIT_STRINGS in scripts/train/asr-digits/prepare.py); keep the two lists in step.
# The shipped digits model is weak on some espeak renderings (about 10 % WER on held-out espeak strings; it tends
# to drop "eight" right after "zero" in connected speech): these voices/rates were picked among a few tried so
# that every sample is transcribed right (check: node scripts/train/asr-digits/check-sherpa.js --samples).
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
  sox -D -R "$TMP/$1.raw.wav" -r 16000 -c 1 -b 16 "$OUT/$1.wav" pad 0.3 0.3
}

say digits-en en-us 150 50 "four two seven one"
say digits-en-gb-female en-gb+f3 140 60 "nine zero, eight five three six"
say digit-seven en-us+m3 160 40 "seven"
say digits-en-gb en-gb 150 50 "two zero two six"
sox -D -R -n -r 16000 -c 1 -b 16 "$OUT/silence.wav" trim 0 1.5

ls -l "$OUT"/*.wav
