import type { RichTranscript } from '../../../../libs/contracts/src/transcript/rich-transcript.js';
import { renderSrt, renderVtt } from '../../../../libs/contracts/src/transcript/transcript-render.js';
import { ApiError, Progress, savedKey, saveKey, transcribe as requestTranscript } from './api-client.js';
import { canRecord, MicRecorder } from './mic-recorder.js';
import { RangePlayer } from './range-player.js';
import { segmentText, TextForm, TranscriptView } from './transcript-view.js';
import { drawWaveform, monoSamples } from './waveform.js';

function $<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is missing from index.html`);
  return e as T;
}

const ui = {
  key: $<HTMLInputElement>('api-key'),
  file: $<HTMLInputElement>('file'),
  record: $<HTMLButtonElement>('record'),
  recordLabel: $('record-label'),
  sourceName: $('source-name'),
  language: $<HTMLSelectElement>('language'),
  itn: $<HTMLInputElement>('itn'),
  go: $<HTMLButtonElement>('go'),
  cancel: $<HTMLButtonElement>('cancel'),
  progress: $<HTMLProgressElement>('progress'),
  status: $('status'),
  result: $('result'),
  resultHeading: $('result-h'),
  wave: $<HTMLCanvasElement>('wave'),
  waveNote: $('wave-note'),
};

const view = new TranscriptView(
  {
    summary: $('summary'),
    fullText: $('full-text'),
    segmentLane: $('segment-lane'),
    waveOverlay: $('wave-overlay'),
    eventLane: $('event-lane'),
    axis: $('axis'),
    legend: $('legend'),
    segments: $('segments'),
    missing: $('missing'),
    playhead: $('playhead'),
  },
  (i) => void playSegment(i),
);

let audio: { blob: Blob; name: string } | null = null;
let transcript: RichTranscript | null = null;
let samples: Float32Array | null = null;
let player: RangePlayer | null = null;
let audioCtx: AudioContext | null = null;
let form: TextForm = 'written';
let busy: AbortController | null = null;
const recorder = new MicRecorder();
let recording: { startedAt: number; timer: number } | null = null;

function setStatus(text: string, kind: 'info' | 'error' | 'done' = 'info'): void {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function setAudio(blob: Blob, name: string): void {
  audio = { blob, name };
  ui.sourceName.textContent = `${name} (${(blob.size / 1024).toFixed(0)} KB)`;
  ui.go.disabled = false;
  setStatus('');
}

function setBusy(on: boolean): void {
  ui.go.disabled = on || !audio;
  ui.file.disabled = on;
  ui.record.disabled = on || !canRecord();
  ui.cancel.hidden = !on;
  ui.progress.hidden = !on;
  document.body.classList.toggle('busy', on);
}

function ctx(): AudioContext {
  // Created on a click so browsers let it play later.
  audioCtx ??= new AudioContext();
  return audioCtx;
}

async function decode(blob: Blob): Promise<AudioBuffer | null> {
  try {
    return await ctx().decodeAudioData(await blob.arrayBuffer());
  } catch {
    return null;
  }
}

function tasks(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>('input[name="task"]')]
    .filter((c) => c.checked)
    .map((c) => c.value);
}

async function transcribe(): Promise<void> {
  if (!audio || busy) return;
  const source = audio;
  busy = new AbortController();
  setBusy(true);
  player?.stop();
  const started = performance.now();
  let phase: Progress = { phase: 'upload', fraction: 0 };
  const tick = () => {
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (phase.phase === 'upload') {
      ui.progress.value = phase.fraction;
      setStatus(`Uploading… ${Math.round(phase.fraction * 100)} % (${secs} s)`);
    } else if (phase.fraction === undefined) {
      ui.progress.removeAttribute('value');
      setStatus(`Transcribing… ${secs} s`);
    } else {
      ui.progress.value = phase.fraction;
      const what = phase.queued ? 'Queued' : 'Transcribing';
      setStatus(`${what}… ${Math.round(phase.fraction * 100)} % (${secs} s)`);
    }
  };
  tick();
  const timer = window.setInterval(tick, 100);
  const decoded = decode(source.blob);
  try {
    const t = await requestTranscript(
      {
        audio: source.blob,
        fileName: source.name,
        language: ui.language.value,
        itn: ui.itn.checked,
        tasks: tasks(),
        key: ui.key.value.trim(),
      },
      (p) => {
        phase = p;
        tick();
      },
      busy.signal,
    );
    const buffer = await decoded;
    transcript = t;
    samples = buffer ? monoSamples(buffer) : null;
    player = buffer ? new RangePlayer(ctx(), buffer) : null;
    ui.result.hidden = false;
    view.show(t, buffer?.duration ?? t.duration);
    redraw();
    view.fitLabels();
    ui.waveNote.hidden = !!buffer;
    ui.waveNote.textContent = buffer
      ? ''
      : 'This browser cannot decode this format: no waveform or playback.';
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    setStatus(
      `Done in ${secs} s: ${t.segments.length} segment${t.segments.length === 1 ? '' : 's'}.`,
      'done',
    );
    ui.resultHeading.focus();
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(0, null, String(err));
    if (e.code === 'CANCELLED') setStatus('Cancelled.');
    else setStatus(e.status ? `${e.status} ${e.code ?? ''}: ${e.message}` : e.message, 'error');
    if (e.status === 401 || e.status === 403) ui.key.focus();
  } finally {
    window.clearInterval(timer);
    busy = null;
    setBusy(false);
  }
}

function redraw(): void {
  const color = getComputedStyle(document.documentElement).getPropertyValue('--wave').trim() || '#334';
  drawWaveform(ui.wave, samples, color);
  ui.wave.dataset.drawn = samples ? 'true' : 'false';
}

async function playSegment(i: number): Promise<void> {
  const s = transcript?.segments[i];
  if (!s || !player) return;
  view.setPlaying(i);
  await player.play(
    s.start,
    s.end,
    (t) => view.setPlayhead(t),
    () => {
      view.setPlaying(null);
      view.setPlayhead(null);
    },
  );
}

async function toggleRecording(): Promise<void> {
  if (recording) {
    window.clearInterval(recording.timer);
    const secs = (performance.now() - recording.startedAt) / 1000;
    recording = null;
    ui.record.setAttribute('aria-pressed', 'false');
    ui.recordLabel.textContent = 'Record';
    document.body.classList.remove('recording');
    const file = await recorder.stop();
    setAudio(file, file.name);
    setStatus(`Recorded ${secs.toFixed(1)} s. Press Transcribe.`);
    ui.go.focus();
    return;
  }
  try {
    ctx();
    await recorder.start();
  } catch (err) {
    setStatus(`Microphone unavailable: ${(err as Error).message || err}`, 'error');
    return;
  }
  const startedAt = performance.now();
  const show = () => {
    const secs = Math.floor((performance.now() - startedAt) / 1000);
    ui.recordLabel.textContent = `Stop ${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
  };
  show();
  recording = { startedAt, timer: window.setInterval(show, 250) };
  ui.record.setAttribute('aria-pressed', 'true');
  document.body.classList.add('recording');
  setStatus('Recording… press Stop when done.');
}

function download(kind: string): void {
  if (!transcript) return;
  const cues = transcript.segments.map((s) => ({ start: s.start, end: s.end, text: segmentText(s, form) }));
  const files: Record<string, [string, string]> = {
    json: [`${JSON.stringify(transcript, null, 2)}\n`, 'application/json'],
    srt: [renderSrt(cues), 'application/x-subrip'],
    vtt: [renderVtt(cues), 'text/vtt'],
  };
  const [body, type] = files[kind];
  const base = (audio?.name ?? 'transcript').replace(/\.[^.]+$/, '') || 'transcript';
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${base}.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

ui.key.value = savedKey();
ui.key.addEventListener('input', () => saveKey(ui.key.value.trim()));
ui.file.addEventListener('change', () => {
  const f = ui.file.files?.[0];
  if (f) setAudio(f, f.name);
});
ui.record.disabled = !canRecord();
if (!canRecord()) ui.record.title = 'Recording needs a secure page (https or localhost) and a microphone';
ui.record.addEventListener('click', () => void toggleRecording());
ui.go.addEventListener('click', () => void transcribe());
ui.cancel.addEventListener('click', () => busy?.abort());
document.querySelectorAll<HTMLButtonElement>('[data-view]').forEach((b) =>
  b.addEventListener('click', () => {
    form = b.dataset.view === 'spoken' ? 'spoken' : 'written';
    document.querySelectorAll('[data-view]').forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
    view.setForm(form);
  }),
);
document
  .querySelectorAll<HTMLButtonElement>('[data-download]')
  .forEach((b) => b.addEventListener('click', () => download(b.dataset.download ?? 'json')));
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || !player) return;
  player.stop();
  view.setPlaying(null);
  view.setPlayhead(null);
});
new ResizeObserver(() => {
  if (!transcript) return;
  redraw();
  view.fitLabels();
}).observe(ui.wave);
