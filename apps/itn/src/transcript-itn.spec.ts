import { AsrResult, AsrSegment } from '@earshot/contracts';
import { ItnService } from '@earshot/itn';
import { writeTranscript } from './transcript-itn';

const itn = new ItnService();
const rules = (text: string, lang: 'zh' | 'en' | 'ja' | 'ko') => itn.normalize(text, lang);

function seg(text: string, language: string, itnTag = 'woitn'): AsrSegment {
  return {
    start: 0,
    end: 1,
    text,
    textSpoken: text,
    language: { label: language, score: 0.9 },
    emotion: null,
    event: null,
    tokens: [],
    tagged: `<|${language}|><|NEUTRAL|><|Speech|><|${itnTag}|>${text}`,
  };
}

function asr(segments: AsrSegment[]): AsrResult {
  return {
    text: segments.map((s) => s.text).join(' '),
    textSpoken: segments.map((s) => s.text).join(' '),
    language: 'en',
    emotion: null,
    events: [],
    duration: 3,
    segments,
    model: { name: 'm', format: 'x', itn: 'none' },
    rich: '',
  };
}

describe('writeTranscript (the ITN step of a request)', () => {
  it('rewrites each segment in its detected language, keeps the spoken form and the span map', () => {
    const out = writeTranscript(
      asr([seg('call nine one one', 'en'), seg('二零二四年', 'zh'), seg('nothing to write', 'en')]),
      'auto',
      {},
      rules,
    );
    expect(out.segments.map((s) => s.text)).toEqual(['call 911', '2024年', 'nothing to write']);
    expect(out.segments[0].textSpoken).toBe('call nine one one');
    expect(out.segments[0].itnSpans).toEqual([
      { inStart: 0, inEnd: 5, outStart: 0, outEnd: 5, rewritten: false },
      { inStart: 5, inEnd: 17, outStart: 5, outEnd: 8, rewritten: true },
    ]);
    expect(out.segments[2].itnSpans).toBeUndefined();
    expect(out.text).toBe('call 911 2024年nothing to write');
    expect(out.textSpoken).toBe('call nine one one 二零二四年 nothing to write');
    expect(out.model.itn).toBe('rules');
  });

  it('passes through what the model wrote, languages without rules, and a result with nothing to rewrite', () => {
    const input = asr([seg('nine one one', 'en', 'withitn'), seg('三百', 'yue'), seg('', 'nospeech')]);
    expect(writeTranscript(input, 'auto', {}, rules)).toBe(input);
    // the request's language wins over the detected one
    expect(writeTranscript(asr([seg('one two three', 'ko')]), 'en', {}, rules).text).toBe('123');
  });
});
