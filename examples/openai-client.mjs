#!/usr/bin/env node
// The official `openai` npm client pointed at earshot's OpenAI-compatible route: nothing earshot-specific but the
// base URL and the key.
//
//   EARSHOT_KEY=esk_… node examples/openai-client.mjs samples/digits-en.wav
//
// Environment: EARSHOT_KEY (any string in AUTH_MODE=open), EARSHOT_URL (http://127.0.0.1:8080/v1).
import fs from 'node:fs';
import OpenAI from 'openai';

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/openai-client.mjs <audio file>');
  process.exit(2);
}
const client = new OpenAI({
  apiKey: process.env.EARSHOT_KEY ?? 'open',
  baseURL: process.env.EARSHOT_URL ?? 'http://127.0.0.1:8080/v1',
});
const r = await client.audio.transcriptions.create({
  file: fs.createReadStream(file),
  model: 'earshot',
  response_format: 'verbose_json',
  timestamp_granularities: ['word', 'segment'],
});
console.log(JSON.stringify({ text: r.text, language: r.language, words: r.words, segments: r.segments?.length }));
