#!/usr/bin/env bash
# Regenerates the VAD unit-test fixture: two synthetic English phrases (espeak-ng, so no corpus licence applies)
# separated by 1.2 s of silence, with 0.5 s lead and 0.8 s tail, 16 kHz mono 16-bit WAV. Deterministic.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -s 150 -w "$tmp/a.wav" "Hello there, brown fox."
espeak-ng -v en-us -s 150 -w "$tmp/b.wav" "Seven silver spoons."
sox -D "$tmp/a.wav" -r 16000 -c 1 -b 16 "$tmp/a16.wav"
sox -D "$tmp/b.wav" -r 16000 -c 1 -b 16 "$tmp/b16.wav"
sox -D -n -r 16000 -c 1 -b 16 "$tmp/lead.wav" trim 0 0.5
sox -D -n -r 16000 -c 1 -b 16 "$tmp/gap.wav" trim 0 1.2
sox -D -n -r 16000 -c 1 -b 16 "$tmp/tail.wav" trim 0 0.8
sox -D "$tmp/lead.wav" "$tmp/a16.wav" "$tmp/gap.wav" "$tmp/b16.wav" "$tmp/tail.wav" two-phrases.wav
