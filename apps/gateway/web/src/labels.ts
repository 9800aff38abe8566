const LANGUAGES: Record<string, string> = {
  en: 'English',
  zh: 'Chinese',
  yue: 'Cantonese',
  ja: 'Japanese',
  ko: 'Korean',
  nospeech: 'No speech',
};

/** SenseVoice's emotion labels (the transcript writes them in capitals); unknown ones fall back to grey. */
const EMOTIONS = ['NEUTRAL', 'HAPPY', 'SAD', 'ANGRY', 'FEARFUL', 'DISGUSTED', 'SURPRISED'];

/** The AED label that must stand out on the timeline. */
export const CRY = 'Cry';

export function languageName(code: string): string {
  return LANGUAGES[code] ?? code;
}

/** CSS class carrying an emotion's colour (style.css defines one per SenseVoice label). */
export function emotionClass(label: string | null | undefined): string {
  const l = (label ?? '').toUpperCase();
  return EMOTIONS.includes(l) ? `emo-${l.toLowerCase()}` : 'emo-unknown';
}

export function emotionName(label: string | null | undefined): string {
  const l = (label ?? '').toUpperCase();
  if (!EMOTIONS.includes(l)) return 'Unknown';
  return l.charAt(0) + l.slice(1).toLowerCase();
}

export function percent(score: number): string {
  return `${Math.round(score * 100)} %`;
}

/** m:ss.cc, short enough for a phone and precise enough to tell digits apart. */
export function timeLabel(seconds: number): string {
  const cs = Math.max(0, Math.round(seconds * 100));
  const m = Math.floor(cs / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${m}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

/** A tick step giving at most `maxTicks` ticks over the duration. */
export function tickStep(duration: number, maxTicks: number): number {
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((s) => duration / s <= maxTicks) ?? 7200;
}

export function tickLabel(seconds: number, step: number): string {
  if (step < 1) return `${Number(seconds.toFixed(2))} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
