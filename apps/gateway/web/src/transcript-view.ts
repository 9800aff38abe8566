import type { AudioEvent } from '../../../../libs/contracts/src/jobs/aed-jobs.js';
import type {
  RichSegment,
  RichTranscript,
} from '../../../../libs/contracts/src/transcript/rich-transcript.js';
import {
  CRY,
  emotionClass,
  emotionName,
  languageName,
  percent,
  tickLabel,
  tickStep,
  timeLabel,
} from './labels.js';

export type TextForm = 'written' | 'spoken';

export function segmentText(s: RichSegment, form: TextForm): string {
  return (form === 'spoken' ? s.text_spoken : s.text).trim();
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = '',
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/** Places a bar on the timeline; CSSOM properties (not style attributes) so the page's CSP needs no unsafe-inline. */
function place(e: HTMLElement, start: number, end: number, duration: number): void {
  const left = duration > 0 ? (start / duration) * 100 : 0;
  const width = duration > 0 ? ((end - start) / duration) * 100 : 0;
  e.style.left = `${Math.max(0, left)}%`;
  e.style.width = `${Math.max(0.4, Math.min(100 - left, width))}%`;
}

/** Rows so overlapping events (speech under a cry) sit one above the other instead of on top of each other. */
function packRows(events: AudioEvent[]): number[] {
  const rowEnds: number[] = [];
  return events.map((e) => {
    let row = rowEnds.findIndex((end) => end <= e.start);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = e.end;
    return row;
  });
}

export interface ViewElements {
  summary: HTMLElement;
  fullText: HTMLElement;
  segmentLane: HTMLElement;
  waveOverlay: HTMLElement;
  eventLane: HTMLElement;
  axis: HTMLElement;
  legend: HTMLElement;
  segments: HTMLElement;
  missing: HTMLElement;
  playhead: HTMLElement;
}

/** The transcript on a timeline and as a list; `onPlay(i)` is called when segment i is chosen. */
export class TranscriptView {
  private t: RichTranscript | null = null;
  private duration = 0;
  private form: TextForm = 'written';
  private items: HTMLButtonElement[] = [];

  constructor(
    private readonly e: ViewElements,
    private readonly onPlay: (index: number) => void,
  ) {}

  show(t: RichTranscript, duration: number): void {
    this.t = t;
    this.duration = duration > 0 ? duration : t.duration;
    this.renderSummary();
    this.renderTimeline();
    this.renderLegend();
    this.renderSegments();
    this.renderMissing();
    this.setForm(this.form);
  }

  setForm(form: TextForm): void {
    this.form = form;
    if (!this.t) return;
    const t = this.t;
    this.e.fullText.textContent = (form === 'spoken' ? t.text_spoken : t.text).trim() || '(no speech found)';
    t.segments.forEach((s, i) => {
      const text = this.items[i]?.querySelector('.seg-text');
      if (text) text.textContent = segmentText(s, form) || '(silence)';
      this.items[i]?.setAttribute('aria-label', this.segmentLabel(s));
    });
  }

  /** Hides labels that no longer fit their bar (after layout: on show and on resize). */
  fitLabels(): void {
    for (const bar of [...this.e.segmentLane.children, ...this.e.eventLane.children]) {
      const label = bar.querySelector<HTMLElement>('.bar-label');
      if (label) bar.classList.toggle('tight', label.scrollWidth > (bar as HTMLElement).clientWidth);
    }
  }

  setPlaying(index: number | null): void {
    this.items.forEach((b, i) => b.classList.toggle('playing', i === index));
    this.e.segmentLane.querySelectorAll('.bar').forEach((b, i) => b.classList.toggle('playing', i === index));
  }

  setPlayhead(seconds: number | null): void {
    const p = this.e.playhead;
    p.hidden = seconds === null || this.duration <= 0;
    if (seconds !== null && this.duration > 0) p.style.left = `${(seconds / this.duration) * 100}%`;
  }

  private segmentLabel(s: RichSegment): string {
    const parts = [`Play ${timeLabel(s.start)} to ${timeLabel(s.end)}`];
    if (s.language) parts.push(languageName(s.language.label));
    if (s.emotion) parts.push(emotionName(s.emotion.label));
    const events = s.events.filter((e) => e.label !== 'Speech').map((e) => e.label);
    if (events.length) parts.push([...new Set(events)].join(', '));
    parts.push(segmentText(s, this.form) || 'silence');
    return parts.join(': ');
  }

  private renderSummary(): void {
    const t = this.t!;
    const badges: Array<[string, string, string]> = [];
    if (t.language) badges.push(['Language', languageName(t.language), 'lang']);
    if (t.emotion) badges.push(['Emotion', emotionName(t.emotion), `emo ${emotionClass(t.emotion)}`]);
    badges.push([
      'Events',
      t.events.length ? t.events.join(', ') : 'none',
      t.events.includes(CRY) ? 'cry' : '',
    ]);
    badges.push(['Duration', `${t.duration.toFixed(1)} s`, '']);
    badges.push(['Text', t.itn ? 'written (ITN)' : 'spoken', '']);
    this.e.summary.replaceChildren(
      ...badges.map(([k, v, cls]) => {
        const li = el('li', `badge ${cls}`.trim());
        li.append(el('span', 'k', k), el('span', 'v', v));
        return li;
      }),
    );
    const models = Object.entries(t.models)
      .map(([task, name]) => `${task}: ${name}`)
      .join(' · ');
    if (models) {
      const li = el('li', 'models', models);
      li.title = 'Models that produced this transcript';
      this.e.summary.append(li);
    }
  }

  private renderTimeline(): void {
    const t = this.t!;
    const d = this.duration;
    const bars = t.segments.map((s, i) => {
      const b = el('div', `bar ${emotionClass(s.emotion?.label)}`);
      place(b, s.start, s.end, d);
      const lang = s.language?.label;
      if (lang) b.append(el('span', 'bar-label', lang.toUpperCase()));
      b.title = `${timeLabel(s.start)}–${timeLabel(s.end)} ${segmentText(s, this.form)}`;
      b.addEventListener('click', () => this.onPlay(i));
      return b;
    });
    this.e.segmentLane.replaceChildren(...bars);

    const bands: HTMLElement[] = t.segments.map((s, i) => {
      const b = el('div', `band ${emotionClass(s.emotion?.label)}`);
      place(b, s.start, s.end, d);
      b.addEventListener('click', () => this.onPlay(i));
      return b;
    });
    for (const ev of t.audio_events.filter((e) => e.label === CRY)) {
      const b = el('div', 'band cry');
      place(b, ev.start, ev.end, d);
      bands.push(b);
    }
    this.e.waveOverlay.replaceChildren(...bands);

    const events = [...t.audio_events].sort((a, b) => a.start - b.start);
    const rows = packRows(events);
    const marks = events.map((ev, i) => {
      const cry = ev.label === CRY;
      const m = el('div', `event${cry ? ' cry' : ''}${ev.label === 'Speech' ? ' speech' : ''}`);
      place(m, ev.start, ev.end, d);
      m.style.top = `${rows[i] * 1.75}rem`;
      m.append(el('span', 'bar-label', cry ? `${ev.label} ${percent(ev.score)}` : ev.label));
      m.title = `${ev.label} ${timeLabel(ev.start)}–${timeLabel(ev.end)} (${percent(ev.score)})`;
      return m;
    });
    this.e.eventLane.replaceChildren(...marks);
    this.e.eventLane.style.height = `${Math.max(1, Math.max(0, ...rows) + 1) * 1.75}rem`;
    if (marks.length === 0) this.e.eventLane.append(el('span', 'lane-empty', 'no sound events'));

    const step = tickStep(d, window.innerWidth < 600 ? 5 : 8);
    const ticks: HTMLElement[] = [];
    for (let s = 0; s <= d + 1e-9; s += step) {
      const tick = el('span', 'tick', tickLabel(s, step));
      tick.style.left = `${(s / d) * 100}%`;
      ticks.push(tick);
    }
    this.e.axis.replaceChildren(...ticks);
  }

  private renderLegend(): void {
    const t = this.t!;
    const emotions = [...new Set(t.segments.map((s) => s.emotion?.label ?? ''))];
    const items = emotions.map((label) => {
      const li = el('li');
      li.append(el('span', `swatch ${emotionClass(label)}`), document.createTextNode(emotionName(label)));
      return li;
    });
    if (t.audio_events.some((e) => e.label === CRY)) {
      const li = el('li');
      li.append(el('span', 'swatch cry'), document.createTextNode('Cry'));
      items.push(li);
    }
    this.e.legend.replaceChildren(...items);
  }

  private renderSegments(): void {
    const t = this.t!;
    this.items = t.segments.map((s, i) => {
      const b = el('button', `seg ${emotionClass(s.emotion?.label)}`);
      b.type = 'button';
      const meta = el('span', 'seg-meta');
      meta.append(el('span', 'seg-time', `${timeLabel(s.start)} – ${timeLabel(s.end)}`));
      if (s.language) {
        const lang = el('span', 'badge lang', s.language.label.toUpperCase());
        lang.title = `${languageName(s.language.label)} ${percent(s.language.score)} (${s.language.source})`;
        meta.append(lang);
      }
      if (s.emotion) {
        const emo = el('span', `badge emo ${emotionClass(s.emotion.label)}`);
        emo.append(
          el('span', `swatch ${emotionClass(s.emotion.label)}`),
          document.createTextNode(emotionName(s.emotion.label)),
        );
        emo.title = `${percent(s.emotion.score)} (${s.emotion.source})`;
        meta.append(emo);
      }
      for (const label of [...new Set(s.events.map((e) => e.label))].filter((l) => l !== 'Speech')) {
        meta.append(el('span', `badge event${label === CRY ? ' cry' : ''}`, label));
      }
      b.append(meta, el('span', 'seg-text'));
      b.addEventListener('click', () => this.onPlay(i));
      const li = el('li');
      li.append(b);
      return b;
    });
    this.e.segments.replaceChildren(...this.items.map((b) => b.parentElement!));
    if (t.segments.length === 0)
      this.e.segments.append(el('li', 'empty', 'No speech was found in this audio.'));
  }

  private renderMissing(): void {
    const missing = this.t!.missing;
    this.e.missing.hidden = missing.length === 0;
    this.e.missing.textContent = missing.length
      ? `Left out: ${missing.map((m) => `${m.task} (${m.reason})`).join('; ')}`
      : '';
  }
}
