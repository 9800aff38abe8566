import { randomUUID } from 'node:crypto';
import { FSWatcher, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { ErrorCode, hashApiKey } from '@earshot/contracts';
import { sine } from '@earshot/audio';
import { loadConfig, QueueDriver } from '@earshot/platform';
import { AedConfig } from '../apps/aed/src/aed.config';
import { AedModule } from '../apps/aed/src/aed.module';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrModule } from '../apps/asr/src/asr.module';
import {
  cut,
  floatWav,
  HostileFixtures,
  makeHostileFixtures,
  wavHeader,
  wavWithHtmlChunk,
} from './support/hostile-fixtures';
import { InProcessWorkers } from './support/in-process-workers';
import { ensureBuilt, freePort, RunningProcess, startService } from './support/services';
import { FormPart, multipartBody, multipartType, RawRequest, RawResponse, rawRequest } from './support/raw-http';
import { wav16 } from './support/wav';

// Hostile input against the real gateway (the built service, its own process) and the real ASR and AED workers
// over HTTP and Redis (unique queue names). Every case states the exact status and error code it must get in the one error envelope; after the
// whole table the workers must still serve, memory must stay bounded and the decoder's temp dir must be empty.
jest.setTimeout(120_000);

const REPO = resolve(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODELS_DIR = join(REPO, 'models');
const SAMPLE = join(REPO, 'samples/digits-en.wav');
const DIGITS = /4271|four two seven one/i;
const KEY = 'hostile-key-for-tests';
const MAX_UPLOAD = 2 * 1024 * 1024;
const IDLE_MS = 1000;
const UPLOAD_MS = 3000;
const T = '/v1/audio/transcriptions';
const U = '/v1/understand';
const C = '/v1/cry-detection';
const J = '/v1/jobs';

type Req = Omit<RawRequest, 'port' | 'path'>;

interface Case {
  name: string;
  route: string;
  /** Built lazily: fixtures exist only once beforeAll ran. */
  req: () => Req;
  status: number;
  /** The envelope's code; left out for a 200. */
  code?: ErrorCode;
  param?: string | null;
  /** The answer must come within this (slow uploads, oversized bodies). */
  withinMs?: number;
  then?: (res: RawResponse) => void;
}

const form = (parts: FormPart[], headers: Record<string, string> = {}): Req => ({
  headers: { 'Content-Type': multipartType(), ...headers },
  body: multipartBody(parts),
});
const file = (data: Buffer, filename: string | Buffer = 'clip.wav', contentType = 'audio/wav'): FormPart => ({
  name: 'file',
  filename,
  contentType,
  data,
});
const field = (name: string, data: string | Buffer): FormPart => ({ name, data });
const raw = (body: Buffer, contentType = 'audio/wav', headers: Record<string, string> = {}): Req => ({
  headers: { 'Content-Type': contentType, ...headers },
  body,
});
/** A body dripped `size` bytes every `everyMs`, or stalled after `stallAfter` bytes. */
const drip = (body: Buffer, size: number, everyMs: number, stallAfter = Infinity): RawRequest['chunks'] => {
  const chunks: NonNullable<RawRequest['chunks']> = [];
  for (let at = 0; at < body.length; at += size) {
    chunks.push({ delayMs: at >= stallAfter ? 60_000 : at === 0 ? 0 : everyMs, data: body.subarray(at, at + size) });
  }
  return chunks;
};
/** A body far over the cap, written in pieces so the test sees how much was sent before the answer. */
const FLOOD_PIECE = Buffer.alloc(256 * 1024, 0x41); // one buffer sent again and again: the client costs no memory
const flood = (total: number): RawRequest['chunks'] =>
  Array.from({ length: Math.ceil(total / FLOOD_PIECE.length) }, () => ({ delayMs: 2, data: FLOOD_PIECE }));

/** Resident and peak resident memory of a process (Linux /proc), in bytes. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

let fx: HostileFixtures;
let silence5s: Buffer;

const tooMany = (n: number) => Array.from({ length: n }, () => field('timestamp_granularities[]', 'word'));
const expectDigits = (r: RawResponse) => expect(r.text).toMatch(DIGITS);

// The table. Grouped: empty and not-audio, broken encodings, lying WAV headers, decode bombs, polyglots,
// multipart structure, filenames, options and fields, content types, query parameters, slow and oversized bodies.
const CASES: Case[] = [
  // empty and not audio
  { name: 'no body, no content type', route: T, req: () => ({}), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'multipart type with an empty body', route: T, req: () => ({ headers: { 'Content-Type': multipartType() }, body: Buffer.alloc(0) }), status: 400, code: 'INVALID_ARGUMENT', param: null },
  { name: '0-byte file', route: T, req: () => form([file(Buffer.alloc(0))]), status: 400, code: 'AUDIO_EMPTY', param: 'file' },
  { name: '0-byte file (understand)', route: U, req: () => form([file(Buffer.alloc(0))]), status: 400, code: 'AUDIO_EMPTY', param: 'file' },
  { name: 'text file named .wav', route: T, req: () => form([file(Buffer.from('just some notes, not audio\n'.repeat(50)))]), status: 415, code: 'AUDIO_NOT_AUDIO', param: 'file' },
  { name: 'empty cry body', route: C, req: () => raw(Buffer.alloc(0)), status: 400, code: 'AUDIO_EMPTY', param: 'body' },
  { name: 'text as a cry clip', route: C, req: () => raw(Buffer.from('not audio at all '.repeat(40))), status: 415, code: 'AUDIO_NOT_AUDIO', param: 'file' },
  { name: 'WAV header and no samples', route: T, req: () => form([file(wavHeader({ channels: 1, sampleRate: 16000, bits: 16, dataBytes: 0 }))]), status: 400, code: 'AUDIO_EMPTY', param: 'file' },

  // broken encodings
  { name: 'truncated WAV', route: T, req: () => form([file(cut(fx.wav, 0.5))]), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'WAV cut inside its header', route: C, req: () => raw(cut(fx.wav, 0.0003)), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'truncated MP3', route: T, req: () => form([file(cut(fx.mp3, 0.4), 'clip.mp3', 'audio/mpeg')]), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'truncated FLAC', route: U, req: () => form([file(cut(fx.flac, 0.5), 'clip.flac', 'audio/flac')]), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'truncated Ogg Vorbis', route: T, req: () => form([file(cut(fx.ogg, 0.5), 'clip.ogg', 'audio/ogg')]), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'truncated FLAC as a cry clip', route: C, req: () => raw(cut(fx.flac, 0.5), 'audio/flac'), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'FLAC signature and nothing else', route: T, req: () => form([file(cut(fx.flac, 0.001), 'clip.flac')]), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },

  // lying WAV headers
  { name: 'WAV header claiming 2^31 samples', route: T, req: () => form([file(wavHeader({ channels: 1, sampleRate: 8000, bits: 8, dataBytes: 2 ** 31, data: Buffer.alloc(8000, 128) }))]), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'WAV header with 1000 channels', route: T, req: () => form([file(wavHeader({ channels: 1000, sampleRate: 16000, bits: 16, dataBytes: 32000, data: Buffer.alloc(32000) }))]), status: 400, code: 'AUDIO_BAD_HEADER', param: 'file' },
  { name: 'WAV header with 1000 channels (cry)', route: C, req: () => raw(wavHeader({ channels: 1000, sampleRate: 16000, bits: 16, dataBytes: 32000, data: Buffer.alloc(32000) })), status: 400, code: 'AUDIO_BAD_HEADER', param: 'file' },
  { name: 'WAV at 1 Hz', route: T, req: () => form([file(wavHeader({ channels: 1, sampleRate: 1, bits: 16, dataBytes: 2000, data: Buffer.alloc(2000) }))]), status: 400, code: 'AUDIO_BAD_HEADER', param: 'file' },
  { name: 'WAV at 0 channels', route: C, req: () => raw(wavHeader({ channels: 0, sampleRate: 16000, bits: 16, dataBytes: 2000, data: Buffer.alloc(2000) })), status: 400, code: 'AUDIO_ZERO_CHANNELS', param: 'file' },
  { name: 'WAV at 384 kHz is real audio: transcribed', route: T, req: () => form([file(fx.wav384k)]), status: 200, then: expectDigits },
  { name: 'float WAV with NaN and Inf', route: T, req: () => form([file(floatWav([Number.NaN, Number.POSITIVE_INFINITY], 16000, 0.5))]), status: 400, code: 'AUDIO_BAD_SAMPLES', param: 'file' },
  { name: 'float WAV with -Inf (cry)', route: C, req: () => raw(floatWav([Number.NEGATIVE_INFINITY], 16000, 0.5)), status: 400, code: 'AUDIO_BAD_SAMPLES', param: 'file' },
  { name: 'float AIFF with NaN (ffmpeg path)', route: U, req: () => form([file(fx.nanAiff, 'clip.aiff', 'audio/aiff')]), status: 400, code: 'AUDIO_BAD_SAMPLES', param: 'file' },
  { name: 'WAV with format tag 0x1234', route: T, req: () => form([file(wavHeader({ channels: 1, sampleRate: 16000, bits: 16, format: 0x1234, dataBytes: 3200, data: Buffer.alloc(3200) }))]), status: 415, code: 'AUDIO_UNSUPPORTED_CODEC', param: 'file' },

  // decode bombs: tiny files that decode to hours
  { name: '20 kB FLAC of 2 h silence', route: T, req: () => form([file(fx.longSilentFlac, 'long.flac', 'audio/flac')]), status: 413, code: 'AUDIO_TOO_LONG', param: 'file', withinMs: 3000 },
  { name: '2 h silent FLAC stating no length (decoder limit)', route: U, req: () => form([file(fx.longSilentFlacNoLength, 'long.flac', 'audio/flac')]), status: 413, code: 'AUDIO_TOO_LONG', param: 'file', withinMs: 8000 },
  { name: '2 h silent FLAC as a cry clip', route: C, req: () => raw(fx.longSilentFlacNoLength, 'audio/flac'), status: 413, code: 'AUDIO_TOO_LONG', param: 'file', withinMs: 3000 },
  { name: 'WAV of 31 s for the 30 s cry limit', route: C, req: () => raw(wav16(new Float32Array(16000 * 31))), status: 413, code: 'AUDIO_TOO_LONG', param: 'file' },

  // polyglots
  { name: 'WAV with an HTML page in its LIST chunk is audio', route: T, req: () => form([file(wavWithHtmlChunk(sine(440, 16000, 0.5)))]), status: 200 },
  { name: 'WAV with a ZIP appended is audio', route: T, req: () => form([file(Buffer.concat([fx.wav, fx.zip]))]), status: 200, then: expectDigits },
  { name: 'RIFF/WAVE magic then HTML', route: T, req: () => form([file(Buffer.concat([Buffer.from('RIFF\xff\xff\x00\x00WAVE', 'latin1'), Buffer.from('<html><script>alert(1)</script></html>'.repeat(20))]))]), status: 400, code: 'AUDIO_BAD_HEADER', param: 'file' },
  { name: 'ID3 tag then HTML', route: T, req: () => form([file(Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from('<html><body>hello</body></html>'.repeat(40))]), 'x.mp3', 'audio/mpeg')]), status: 415, code: 'AUDIO_NOT_AUDIO', param: 'file' },
  { name: 'ZIP named .wav', route: T, req: () => form([file(fx.zip)]), status: 415, code: 'AUDIO_NOT_AUDIO', param: 'file' },
  { name: 'HTML as a cry clip', route: C, req: () => raw(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'.repeat(10)), 'text/html'), status: 415, code: 'AUDIO_NOT_AUDIO', param: 'file' },

  // multipart structure
  { name: 'wrong field name', route: T, req: () => form([{ ...file(fx.wav), name: 'audio' }]), status: 400, code: 'INVALID_ARGUMENT', param: 'audio' },
  { name: 'two file fields', route: T, req: () => form([file(fx.wav), file(fx.wav)]), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'missing file, fields only', route: U, req: () => form([field('tasks', 'asr')]), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'file sent as a plain field', route: T, req: () => form([field('file', 'RIFF')]), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'multipart without a boundary', route: T, req: () => ({ headers: { 'Content-Type': 'multipart/form-data' }, body: multipartBody([file(fx.wav)]) }), status: 400, code: 'INVALID_ARGUMENT', param: null },
  { name: 'body using another boundary', route: T, req: () => ({ headers: { 'Content-Type': multipartType('not-the-one') }, body: multipartBody([file(fx.wav)]) }), status: 400, code: 'INVALID_ARGUMENT', param: null },
  { name: 'form cut before its closing boundary', route: U, req: () => ({ headers: { 'Content-Type': multipartType() }, body: cut(multipartBody([file(fx.wav)]), 0.7) }), status: 400, code: 'INVALID_ARGUMENT', param: null },
  { name: '1 MB language field', route: T, req: () => form([file(fx.wav), field('language', 'e'.repeat(1024 * 1024))]), status: 400, code: 'INVALID_ARGUMENT', param: 'language' },
  { name: '1000 timestamp_granularities[]', route: T, req: () => form([file(fx.wav), field('response_format', 'verbose_json'), ...tooMany(1000)]), status: 400, code: 'INVALID_ARGUMENT', param: null },
  { name: 'language sent twice', route: T, req: () => form([file(fx.wav), field('language', 'en'), field('language', 'ko')]), status: 400, code: 'INVALID_ARGUMENT', param: 'language' },

  // filenames (never used for anything but must not break anything)
  { name: 'filename ../../etc/passwd', route: T, req: () => form([file(fx.wav, '../../etc/passwd')]), status: 200, then: expectDigits },
  // NUL is not allowed in a header value: the part header is refused as malformed
  { name: 'filename with raw NUL bytes', route: T, req: () => form([file(fx.wav, Buffer.from('a\u0000b.wav\u0000.sh'))]), status: 400, code: 'INVALID_ARGUMENT', param: null },
  { name: 'filename* with an encoded NUL and ../', route: T, req: () => ({ headers: { 'Content-Type': multipartType() }, body: Buffer.concat([Buffer.from(`--earshot-hostile-boundary\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''..%2F..%2Fa%00b.wav\r\nContent-Type: audio/wav\r\n\r\n`), fx.wav, Buffer.from('\r\n--earshot-hostile-boundary--\r\n')]) }), status: 200, then: expectDigits },
  { name: 'filename with RTL override and invalid UTF-8', route: U, req: () => form([file(fx.wav, Buffer.concat([Buffer.from('\u202Evaw.exe'), Buffer.from([0xff, 0xfe, 0xc0])])), field('tasks', 'asr')]), status: 200, then: expectDigits },
  { name: '10 kB filename', route: T, req: () => form([file(fx.wav, 'é'.repeat(5000) + '.wav')]), status: 200, then: expectDigits },
  { name: 'mp3 announced as text/html', route: T, req: () => form([file(fx.mp3, 'clip.mp3', 'text/html')]), status: 200, then: expectDigits },

  // options and fields
  { name: 'tasks=foo', route: U, req: () => form([file(fx.wav), field('tasks', 'foo')]), status: 400, code: 'INVALID_ARGUMENT', param: 'tasks' },
  { name: 'response_format=exe', route: T, req: () => form([file(fx.wav), field('response_format', 'exe')]), status: 400, code: 'INVALID_ARGUMENT', param: 'response_format' },
  { name: 'temperature=NaN', route: T, req: () => form([file(fx.wav), field('temperature', 'NaN')]), status: 400, code: 'INVALID_ARGUMENT', param: 'temperature' },
  { name: 'temperature=Infinity', route: T, req: () => form([file(fx.wav), field('temperature', 'Infinity')]), status: 400, code: 'INVALID_ARGUMENT', param: 'temperature' },
  { name: 'itn=maybe', route: U, req: () => form([file(fx.wav), field('itn', 'maybe')]), status: 400, code: 'INVALID_ARGUMENT', param: 'itn' },
  { name: 'format=exe', route: U, req: () => form([file(fx.wav), field('format', 'exe')]), status: 400, code: 'INVALID_ARGUMENT', param: 'format' },
  { name: 'language in Japanese script', route: T, req: () => form([file(fx.wav), field('language', '日本語')]), status: 400, code: 'INVALID_ARGUMENT', param: 'language' },
  { name: 'unicode response_format', route: T, req: () => form([file(fx.wav), field('response_format', 'jsön\u202E')]), status: 400, code: 'INVALID_ARGUMENT', param: 'response_format' },
  { name: 'unicode model, prompt and field names are ignored', route: T, req: () => form([field('model', '模型\u202E🙂'), field('prompt', 'Ünïcödé \u0000 prompt 🎤'), field('ñame🙂', 'x'), file(fx.wav)]), status: 200, then: expectDigits },

  // content types
  { name: 'JSON body', route: T, req: () => raw(Buffer.from('{"file":"AAAA"}'), 'application/json'), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'raw WAV body to the multipart route', route: U, req: () => raw(fx.wav, 'audio/wav'), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'multipart type in capitals', route: T, req: () => form([file(fx.wav)], { 'Content-Type': multipartType().replace('multipart/form-data', 'Multipart/Form-Data') }), status: 200, then: expectDigits },
  { name: 'multipart to the cry route', route: C, req: () => form([file(fx.wav)]), status: 400, code: 'INVALID_ARGUMENT', param: 'body' },
  { name: 'WAV announced as audio/mpeg (cry)', route: C, req: () => raw(silence5s, 'audio/mpeg'), status: 200, then: (r) => expect(r.json).toMatchObject({ crying: false }) },

  // query parameters
  { name: 'sample_rate=abc', route: `${C}?sample_rate=abc`, req: () => raw(Buffer.alloc(3200), 'application/octet-stream'), status: 400, code: 'INVALID_ARGUMENT', param: 'sample_rate' },
  { name: 'sample_rate=1', route: `${C}?sample_rate=1`, req: () => raw(Buffer.alloc(3200), 'application/octet-stream'), status: 400, code: 'INVALID_ARGUMENT', param: 'sample_rate' },
  { name: 'sample_rate in hex', route: `${C}?sample_rate=0x3E80`, req: () => raw(Buffer.alloc(3200), 'application/octet-stream'), status: 400, code: 'INVALID_ARGUMENT', param: 'sample_rate' },
  { name: 'sample_rate twice', route: `${C}?sample_rate=16000&sample_rate=8000`, req: () => raw(Buffer.alloc(3200), 'application/octet-stream'), status: 400, code: 'INVALID_ARGUMENT', param: 'sample_rate' },
  { name: 'raw PCM16 of an odd byte count', route: `${C}?sample_rate=16000`, req: () => raw(Buffer.alloc(3201), 'application/octet-stream'), status: 400, code: 'AUDIO_TRUNCATED', param: 'file' },
  { name: 'unknown query parameters are ignored', route: `${T}?response_format=exe&%00=%ff`, req: () => form([file(fx.wav)]), status: 200, then: expectDigits },

  // slow and oversized bodies
  { name: 'multipart dripped 200 B every 100 ms', route: T, req: () => ({ headers: { 'Content-Type': multipartType() }, chunks: drip(multipartBody([file(fx.wav)]), 200, 100) }), status: 408, code: 'UPLOAD_TIMEOUT', param: 'file', withinMs: UPLOAD_MS + 1500 },
  { name: 'multipart stalling half way', route: U, req: () => ({ headers: { 'Content-Type': multipartType() }, chunks: drip(multipartBody([file(fx.wav)]), 8192, 0, 32768) }), status: 408, code: 'UPLOAD_TIMEOUT', param: 'file', withinMs: IDLE_MS + 1500 },
  { name: 'cry clip dripped', route: C, req: () => ({ headers: { 'Content-Type': 'audio/wav' }, chunks: drip(silence5s, 200, 100) }), status: 408, code: 'UPLOAD_TIMEOUT', param: 'body', withinMs: UPLOAD_MS + 1500 },
  { name: 'cry clip stalling', route: C, req: () => ({ headers: { 'Content-Type': 'audio/wav', 'Content-Length': String(silence5s.length) }, chunks: drip(silence5s, 4096, 0, 8192) }), status: 408, code: 'UPLOAD_TIMEOUT', param: 'body', withinMs: IDLE_MS + 1500 },
  { name: 'declared 64 MiB multipart', route: T, req: () => ({ headers: { 'Content-Type': multipartType(), 'Content-Length': String(64 * 1024 * 1024) }, chunks: flood(64 * 1024 * 1024) }), status: 413, code: 'AUDIO_TOO_LARGE', param: 'file', withinMs: 2000, then: (r) => expect(r.bytesSent).toBeLessThan(8 * 1024 * 1024) },
  { name: 'chunked multipart file over the cap', route: U, req: () => ({ headers: { 'Content-Type': multipartType(), 'Transfer-Encoding': 'chunked' }, chunks: [{ delayMs: 0, data: multipartBody([file(Buffer.alloc(MAX_UPLOAD + 1024, 1))]) }] }), status: 413, code: 'AUDIO_TOO_LARGE', param: 'file', withinMs: 3000 },
  { name: 'chunked multipart of endless preamble', route: T, req: () => ({ headers: { 'Content-Type': multipartType(), 'Transfer-Encoding': 'chunked' }, chunks: flood(64 * 1024 * 1024) }), status: 413, code: 'AUDIO_TOO_LARGE', param: 'file', withinMs: 4000, then: (r) => expect(r.bytesSent).toBeLessThan(8 * 1024 * 1024) },
  { name: 'declared 64 MiB cry body', route: C, req: () => ({ headers: { 'Content-Type': 'audio/wav', 'Content-Length': String(64 * 1024 * 1024) }, chunks: flood(64 * 1024 * 1024) }), status: 413, code: 'AUDIO_TOO_LARGE', param: 'body', withinMs: 2000, then: (r) => expect(r.bytesSent).toBeLessThan(8 * 1024 * 1024) },
  // the jobs route: what it refuses at once (audio itself is judged by the job, below)
  { name: 'job with a 0-byte file', route: J, req: () => form([file(Buffer.alloc(0))]), status: 400, code: 'AUDIO_EMPTY', param: 'file' },
  { name: 'job without a file', route: J, req: () => form([field('tasks', 'asr')]), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'job with two files', route: J, req: () => form([file(fx.wav), file(fx.wav)]), status: 400, code: 'INVALID_ARGUMENT', param: 'file' },
  { name: 'job with tasks=foo', route: J, req: () => form([file(fx.wav), field('tasks', 'foo')]), status: 400, code: 'INVALID_ARGUMENT', param: 'tasks' },
  { name: 'job with a 300-character Idempotency-Key', route: J, req: () => form([file(fx.wav)], { 'Idempotency-Key': 'k'.repeat(300) }), status: 400, code: 'INVALID_ARGUMENT', param: 'Idempotency-Key' },
  { name: 'job with a webhook to loopback', route: J, req: () => form([file(fx.wav), field('webhook_url', 'http://127.0.0.1:6379/')]), status: 400, code: 'INVALID_ARGUMENT', param: 'webhook_url' },
  { name: 'job upload dripped', route: J, req: () => ({ headers: { 'Content-Type': multipartType() }, chunks: drip(multipartBody([file(fx.wav)]), 200, 100) }), status: 408, code: 'UPLOAD_TIMEOUT', param: 'file', withinMs: UPLOAD_MS + 1500 },
  { name: 'declared 64 MiB job upload', route: J, req: () => ({ headers: { 'Content-Type': multipartType(), 'Content-Length': String(64 * 1024 * 1024) }, chunks: flood(64 * 1024 * 1024) }), status: 413, code: 'AUDIO_TOO_LARGE', param: 'file', withinMs: 2000 },
  { name: 'job id with path traversal', route: `${J}/..%2F..%2Fetc%2Fpasswd`, req: () => ({ method: 'GET' }), status: 404, code: 'NOT_FOUND', param: 'id' },
  { name: 'job id of 10 kB', route: `${J}/${'a'.repeat(10_000)}`, req: () => ({ method: 'GET' }), status: 404, code: 'NOT_FOUND', param: 'id' },
  { name: 'chunked cry body over the cap', route: C, req: () => ({ headers: { 'Content-Type': 'audio/wav', 'Transfer-Encoding': 'chunked' }, chunks: flood(64 * 1024 * 1024) }), status: 413, code: 'AUDIO_TOO_LARGE', param: 'body', withinMs: 4000, then: (r) => expect(r.bytesSent).toBeLessThan(8 * 1024 * 1024) },
];

describe('hostile input (gateway process + ASR and AED workers on Redis)', () => {
  const id = randomUUID().slice(0, 8);
  const queues = {
    ASR_QUEUE: `hostile-asr-${id}`,
    AED_QUEUE: `hostile-aed-${id}`,
    CRY_QUEUE: `hostile-cry-${id}`,
    LID_QUEUE: `hostile-lid-${id}`,
    SER_QUEUE: `hostile-ser-${id}`,
    ITN_QUEUE: `hostile-itn-${id}`,
    MERGE_QUEUE: `hostile-merge-${id}`,
    TRANSCRIBE_QUEUE: `hostile-transcribe-${id}`,
    WEBHOOK_QUEUE: `hostile-webhook-${id}`,
  };
  const root = mkdtempSync(join(tmpdir(), 'earshot-hostile-'));
  const decoderTmp = join(root, 'decoder-tmp');
  // The gateway's TMPDIR: anything that ignored AUDIO_TMP_DIR and fell back to the OS temp dir would land here.
  const osTmp = join(root, 'os-tmp');
  // The gateway process uses BullMQ's default key prefix; the queue names are what keeps this suite apart.
  const workers = new InProcessWorkers(REDIS_URL, 'bull');
  let gateway: RunningProcess | undefined;
  let port = 0;
  let probe: QueueDriver;
  let watcher: FSWatcher | undefined;
  let decoderTempFiles = 0;
  const rss: Record<string, number> = {};

  const send = (path: string, r: Req, auth = true): Promise<RawResponse> =>
    rawRequest({ port, path, ...r, headers: { ...(auth ? { Authorization: `Bearer ${KEY}` } : {}), ...(r.headers ?? {}) } });

  beforeAll(async () => {
    ensureBuilt(['gateway']);
    const fixtures = join(root, 'fixtures');
    mkdirSync(fixtures);
    mkdirSync(decoderTmp);
    mkdirSync(osTmp);
    fx = makeHostileFixtures(SAMPLE, fixtures);
    silence5s = wav16(new Float32Array(16000 * 5));
    watcher = watch(decoderTmp, (event) => {
      if (event === 'rename') decoderTempFiles++;
    });

    const asrConfig = loadConfig(AsrConfig, { REDIS_URL, MODELS_DIR, ASR_MODEL: 'digits-en-ctc', ASR_QUEUE: queues.ASR_QUEUE });
    await workers.boot(AsrModule.forRoot({ config: asrConfig, driver: workers.driver(), store: workers.store() }));
    const aedConfig = Object.assign(loadConfig(AedConfig, { REDIS_URL, MODELS_DIR }), {
      aedQueue: queues.AED_QUEUE,
      cryQueue: queues.CRY_QUEUE,
    });
    await workers.boot(AedModule.forRoot({ config: aedConfig, driver: workers.driver(), store: workers.store() }));
    port = await freePort();
    gateway = await startService('gateway', {
      ...queues,
      GATEWAY_PORT: String(port),
      REDIS_URL,
      API_KEYS: `hostile:transcribe+cry-detection+jobs:${hashApiKey(KEY)}:100000`,
      SYNC_TIMEOUT_MS: '30000',
      CRY_TIMEOUT_MS: '20000',
      OPTIONAL_TASK_TIMEOUT_MS: '1500',
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
      MAX_AUDIO_SECONDS: '600',
      UPLOAD_IDLE_TIMEOUT_MS: String(IDLE_MS),
      UPLOAD_TIMEOUT_MS: String(UPLOAD_MS),
      AUDIO_TMP_DIR: decoderTmp,
      TMPDIR: osTmp,
    });
    probe = workers.driver();

    // Warm every path once (models, ffmpeg, connections) so the memory baseline is a serving process.
    expect((await send(T, form([file(fx.mp3, 'a.mp3')]))).status).toBe(200);
    expect((await send(C, raw(silence5s))).status).toBe(200);
    rss.start = memory(gateway.pid).rss;
  });

  afterAll(async () => {
    watcher?.close();
    await probe?.close();
    await gateway?.stop();
    await workers.close();
    rmSync(root, { recursive: true, force: true });
  });

  it(`has at least 40 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [`${c.route.split('?')[0]}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const res = await send(c.route, c.req());
    // The answer itself in the failure message: a wrong status says at once what the gateway made of the input.
    if (res.status !== c.status) throw new Error(`expected ${c.status}, got ${res.status} ${res.text.slice(0, 400)}`);
    if (c.status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        error: { message: expect.any(String), type: expect.any(String), param: c.param ?? null, code: c.code },
      });
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    if (c.withinMs) expect(res.ms).toBeLessThan(c.withinMs);
    c.then?.(res);
  });

  it('answers 20 identical cry clips at once, once (the job id is the clip hash)', async () => {
    const clip = wav16(sine(300, 16000, 2, 0.2));
    const all = await Promise.all(Array.from({ length: 20 }, () => send(C, raw(clip))));
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(all.map((r) => r.text)).size).toBe(1);
    const jobs = new Queue(queues.CRY_QUEUE, { connection: { url: REDIS_URL } });
    try {
      // One job for twenty requests: identical clips share one content-hash job id.
      expect(await jobs.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({
        completed: 2, // this clip, and the 5 s silence used by the warm-up and the table
        failed: 0,
        waiting: 0,
        active: 0,
      });
    } finally {
      await jobs.close();
    }
  });

  it('answers 20 identical transcription uploads at once', async () => {
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(i % 2 ? U : T, form([file(fx.flac, 'same.flac', 'audio/flac'), field(i % 2 ? 'tasks' : 'model', i % 2 ? 'asr' : 'x')])),
      ),
    );
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of all) expectDigits(r);
  });

  it('takes hostile audio as a job and fails it with the code the sync routes answer', async () => {
    const bad: [string, Buffer, ErrorCode][] = [
      ['text.wav', Buffer.from('just some notes, not audio\n'.repeat(50)), 'AUDIO_NOT_AUDIO'],
      ['cut.flac', cut(fx.flac, 0.5), 'AUDIO_TRUNCATED'],
      ['nan.wav', floatWav([Number.NaN], 16000, 0.5), 'AUDIO_BAD_SAMPLES'],
      ['long.flac', fx.longSilentFlac, 'AUDIO_TOO_LONG'],
    ];
    const ids = await Promise.all(
      bad.map(async ([name, bytes]) => {
        const r = await send(J, form([file(bytes, name)]));
        expect(r.status).toBe(202);
        return (r.json as { id: string }).id;
      }),
    );
    for (const [i, jobId] of ids.entries()) {
      let view: { status: string; error?: { code: string; param: string | null } } = { status: 'queued' };
      for (const until = Date.now() + 20_000; Date.now() < until && !['failed', 'completed'].includes(view.status); ) {
        await new Promise((ok) => setTimeout(ok, 100));
        view = (await send(`${J}/${jobId}`, { method: 'GET' })).json as typeof view;
      }
      expect({ name: bad[i][0], status: view.status, code: view.error?.code }).toEqual({
        name: bad[i][0],
        status: 'failed',
        code: bad[i][2],
      });
    }
  });

  it('answers 10 identical job uploads at once with one job', async () => {
    const clip = wav16(sine(500, 16000, 1, 0.2));
    const all = await Promise.all(Array.from({ length: 10 }, () => send(J, form([file(clip, 'same.wav'), field('tasks', 'asr')]))));
    for (const r of all) expect([200, 202]).toContain(r.status);
    expect(new Set(all.map((r) => (r.json as { id: string }).id)).size).toBe(1);
    expect(all.filter((r) => r.status === 202)).toHaveLength(1);
  });

  it('afterwards: workers still serve, memory is bounded, temp files are gone', async () => {
    const ok = await send(U, form([file(fx.ogg, 'ok.ogg', 'audio/ogg'), field('tasks', 'asr,aed'), field('itn', 'false')]));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ models: { asr: 'digits-en-ctc', aed: 'aed-events' } });
    expect(ok.text).toMatch(DIGITS);
    const cry = await send(C, raw(silence5s));
    expect(cry.status).toBe(200);
    expect(await probe.workerCount(queues.ASR_QUEUE)).toBeGreaterThan(0);
    expect(await probe.workerCount(queues.CRY_QUEUE)).toBeGreaterThan(0);
    expect(gateway!.running).toBe(true);

    const end = memory(gateway!.pid);
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    console.log(
      `hostile-input: ${CASES.length} cases; gateway process RSS ${mb(rss.start)} MiB after warm-up, ` +
        `${mb(end.rss)} MiB at the end, peak (VmHWM) ${mb(end.peak)} MiB; ` +
        `${decoderTempFiles} scratch-file events in AUDIO_TMP_DIR`,
    );
    // 64 MiB floods, a 1 MB field and decode bombs went by: none may be held whole (the cap is 2 MiB per upload).
    // Measured: +90 MiB at the peak after one pass of the table, no more after three (V8's heap high-water, not a leak).
    expect(end.peak - rss.start).toBeLessThan(200 * 1024 * 1024);
    expect(end.rss - rss.start).toBeLessThan(150 * 1024 * 1024);

    expect(decoderTempFiles).toBeGreaterThan(0); // the decoder really used AUDIO_TMP_DIR
    expect(readdirSync(decoderTmp)).toEqual([]);
    expect(readdirSync(osTmp)).toEqual([]);
  });
});
