import { AsrResult, SegmentClassifyResult } from '@earshot/contracts';
import { mergeTranscript } from './merge-transcript';

function asr(segments: Array<[number, number, string]>): AsrResult {
  return {
    text: segments.map((s) => s[2]).join(' '),
    textSpoken: segments.map((s) => s[2]).join(' '),
    language: segments.length ? 'zh' : null,
    emotion: segments.length ? 'HAPPY' : null,
    events: segments.length ? ['BGM'] : [],
    duration: 10,
    segments: segments.map(([start, end, text]) => ({
      start,
      end,
      text,
      textSpoken: text,
      language: { label: 'zh', score: 0.5 },
      emotion: { label: 'HAPPY', score: 0.5 },
      event: { label: 'BGM', score: 0.5 },
      tokens: [],
      tagged: '',
    })),
    model: { name: 'asr-x', format: 'x', itn: 'none' },
    rich: '',
  };
}

const ser: SegmentClassifyResult = {
  model: 'ser-x',
  labels: ['neutral', 'sad'],
  segments: [
    { start: 0, end: 4, label: 'sad', scores: { neutral: 0.2, sad: 0.8 } },
    { start: 4, end: 6, label: 'silence', scores: { neutral: 0, sad: 0 } },
    { start: 6, end: 10, label: 'neutral', scores: { neutral: 0.9, sad: 0.1 } },
  ],
};

describe('mergeTranscript', () => {
  it('takes emotion from the SER windows a segment overlaps, ignoring silence, and keeps ASR tags elsewhere', () => {
    const t = mergeTranscript({
      asr: asr([
        [1, 3, 'a'],
        [4.5, 5.5, 'b'],
        [7, 9.5, 'c'],
      ]),
      itn: false,
      ser,
      missing: [],
    });
    expect(t.segments.map((s) => s.emotion && [s.emotion.label, s.emotion.source])).toEqual([
      ['SAD', 'ser'],
      ['HAPPY', 'asr'],
      ['NEUTRAL', 'ser'],
    ]);
    // 2.5 s of NEUTRAL beats 2 s of SAD and 1 s of the ASR's HAPPY
    expect(t.emotion).toBe('NEUTRAL');
    expect(t.language).toBe('zh');
    expect(t.models).toEqual({ asr: 'asr-x', ser: 'ser-x' });
    // without AED the segment's own event tag stands in
    expect(t.segments[0].events).toEqual([{ label: 'BGM', score: 0.5, start: 1, end: 3 }]);
  });

  it('gives an empty transcript for audio without speech, still naming the models and what is missing', () => {
    const t = mergeTranscript({
      asr: asr([]),
      itn: true,
      aed: { model: 'aed-x', events: [{ label: 'Cough', start: 2, end: 2.5, score: 0.9 }] },
      missing: [{ task: 'lid', reason: 'failed: x' }],
    });
    expect(t).toMatchObject({
      text: '',
      segments: [],
      language: null,
      emotion: null,
      events: ['Cough'],
      itn: true,
    });
    expect(t.audio_events).toHaveLength(1);
    expect(t.missing).toEqual([{ task: 'lid', reason: 'failed: x' }]);
  });
});
