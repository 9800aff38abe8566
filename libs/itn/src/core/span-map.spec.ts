import { applyReplacements, mapRange, mapRangeBack } from './span-map';
import { normalize } from './itn.engine';

describe('span map', () => {
  it('tiles input and output with identity and rewrite spans', () => {
    const r = applyReplacements('我有三十块', [{ start: 2, end: 4, text: '30' }]);
    expect(r.text).toBe('我有30块');
    expect(r.spans).toEqual([
      { inStart: 0, inEnd: 2, outStart: 0, outEnd: 2, rewritten: false },
      { inStart: 2, inEnd: 4, outStart: 2, outEnd: 4, rewritten: true },
      { inStart: 4, inEnd: 5, outStart: 4, outEnd: 5, rewritten: false },
    ]);
  });

  it('maps token ranges forward and back through a rewrite of a different length', () => {
    const { text, spans } = normalize('价格是一千二百三十四元整', 'zh');
    expect(text).toBe('价格是¥1234整');
    // 价格是 is untouched
    expect(mapRange(spans, 0, 3)).toEqual([0, 3]);
    // one character of the spoken number maps to the whole written amount
    expect(mapRange(spans, 4, 5)).toEqual([3, 8]);
    // 整 moved left by the rewrite
    expect(mapRange(spans, 11, 12)).toEqual([8, 9]);
    expect(text.slice(...mapRange(spans, 11, 12))).toBe('整');
    expect(mapRangeBack(spans, 3, 8)).toEqual([3, 11]);
    expect(mapRangeBack(spans, 8, 9)).toEqual([11, 12]);
  });

  it('every output character maps back inside the input and spans are contiguous', () => {
    const input = '二零二四年三月五号下午三点半，呃，温度二十五摄氏度，电话幺三八零零一三八零零零';
    const { text, spans } = normalize(input, 'zh');
    let inPos = 0;
    let outPos = 0;
    for (const s of spans) {
      expect(s.inStart).toBe(inPos);
      expect(s.outStart).toBe(outPos);
      inPos = s.inEnd;
      outPos = s.outEnd;
    }
    expect(inPos).toBe(input.length);
    expect(outPos).toBe(text.length);
    for (let k = 0; k < text.length; k++) {
      const [a, b] = mapRangeBack(spans, k, k + 1);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThanOrEqual(input.length);
      expect(b).toBeGreaterThan(a);
    }
  });

  it('a deleted filler maps to an empty range at its place', () => {
    const { text, spans } = normalize('呃这个', 'zh');
    expect(text).toBe('这个');
    expect(mapRange(spans, 0, 1)).toEqual([0, 0]);
    expect(mapRange(spans, 1, 3)).toEqual([0, 2]);
  });

  it('drops overlapping or out-of-range replacements instead of corrupting text', () => {
    const r = applyReplacements('abcdef', [
      { start: 1, end: 3, text: 'X' },
      { start: 2, end: 4, text: 'Y' },
      { start: 5, end: 9, text: 'Z' },
    ]);
    expect(r.text).toBe('aXdef');
  });

  it('handles the empty string and ranges past the end', () => {
    expect(normalize('', 'zh')).toEqual({ text: '', spans: [] });
    const { spans } = normalize('你好', 'zh');
    expect(mapRange(spans, 5, 6)).toEqual([2, 2]);
  });
});
