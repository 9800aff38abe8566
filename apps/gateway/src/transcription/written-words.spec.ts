import { AsrSegment } from '@earshot/contracts';
import { normalize } from '@earshot/itn';
import { writtenWords } from './written-words';

function segment(spoken: string, tokens: Array<[string, number]>, end = 3): AsrSegment {
  return {
    start: 0.5,
    end,
    text: spoken,
    textSpoken: spoken,
    language: null,
    emotion: null,
    event: null,
    tokens: tokens.map(([text, start], id) => ({ text, start, id })),
    tagged: '',
  };
}

/** The ITN step's rewrite of a segment, with the real rules. */
function written(s: AsrSegment, lang: 'en' | 'zh'): AsrSegment {
  const r = normalize(s.textSpoken, lang);
  return { ...s, text: r.text, itnSpans: r.spans };
}

describe('writtenWords', () => {
  it('times the words of the spoken form by their tokens, joining pieces inside a word', () => {
    const s = segment('call nine one one', [
      [' ca', 0.5],
      ['ll', 0.7],
      [' nine', 1.0],
      [' one', 1.5],
      [' one', 2.0],
    ]);
    expect(writtenWords(s)).toEqual([
      { word: 'call', start: 0.5, end: 1.0 },
      { word: 'nine', start: 1.0, end: 1.5 },
      { word: 'one', start: 1.5, end: 2.0 },
      { word: 'one', start: 2.0, end: 3 },
    ]);
  });

  it('gives a rewritten word the time of the spoken tokens it came from', () => {
    const s = written(
      segment('call nine one one now', [
        [' call', 0.5],
        [' nine', 1.0],
        [' one', 1.5],
        [' one', 2.0],
        [' now', 2.4],
      ]),
      'en',
    );
    expect(s.text).toBe('call 911 now');
    expect(writtenWords(s)).toEqual([
      { word: 'call', start: 0.5, end: 1.0 },
      { word: '911', start: 1.0, end: 2.4 },
      { word: 'now', start: 2.4, end: 3 },
    ]);
  });

  it('splits CJK text per character but keeps one rewrite whole', () => {
    const s = written(
      segment('我二零二四年去', [
        ['我', 0.5],
        ['二', 0.8],
        ['零', 1.0],
        ['二', 1.2],
        ['四', 1.4],
        ['年', 1.6],
        ['去', 2.0],
      ]),
      'zh',
    );
    expect(s.text).toBe('我2024年去');
    expect(writtenWords(s)).toEqual([
      { word: '我', start: 0.5, end: 0.8 },
      { word: '2024年', start: 0.8, end: 2.0 },
      { word: '去', start: 2.0, end: 3 },
    ]);
  });

  it('spreads the segment over the characters when the model gives no token times', () => {
    const s = segment('ab cd', [], 1.5);
    expect(writtenWords(s)).toEqual([
      { word: 'ab', start: 0.5, end: 0.9 },
      { word: 'cd', start: 1.1, end: 1.5 },
    ]);
    expect(writtenWords(segment('', []))).toEqual([]);
  });
});
