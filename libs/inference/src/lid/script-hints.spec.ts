import { countScripts, scriptLanguageHints } from './script-hints';

const top = (s: Record<string, number>) => Object.entries(s).sort((a, b) => b[1] - a[1])[0][0];

describe('scriptLanguageHints', () => {
  it.each([
    ['Kids are talking by the door', 'en'],
    ['아이들이 문 옆에서 이야기하고 있어요', 'ko'],
    ['今日はいい天気ですね', 'ja'],
    ['カタカナだけ', 'ja'],
    ['今天天气很好', 'zh'],
    ['我哋喺度食咗飯', 'yue'],
    ['佢唔係我嘅朋友', 'yue'],
  ])('%s → %s', (text, lang) => {
    const s = scriptLanguageHints(text);
    expect(top(s)).toBe(lang);
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('reads Han in Kana text as Japanese kanji, not Chinese', () => {
    const s = scriptLanguageHints('東京大学に行きます');
    expect(s.ja).toBe(1);
    expect(s.zh).toBe(0);
  });

  it('gives no evidence for digits, punctuation and emoji', () => {
    expect(scriptLanguageHints('123, 456! 😊 ...')).toEqual({ zh: 0, yue: 0, ja: 0, ko: 0, en: 0 });
    expect(scriptLanguageHints('')).toEqual({ zh: 0, yue: 0, ja: 0, ko: 0, en: 0 });
  });

  it('weighs a Latin letter below a CJK character in mixed text', () => {
    const s = scriptLanguageHints('我用iPhone打电话');
    expect(top(s)).toBe('zh');
    expect(s.en).toBeGreaterThan(0);
  });

  it('does not take the prolonged-sound mark alone for Kana', () => {
    expect(countScripts('ー').kana).toBe(0);
  });

  it('counts astral-plane Han (surrogate pairs) once', () => {
    expect(countScripts('𠀀').han).toBe(1);
  });

  it('is fast on long text', () => {
    const text = '今天天气很好 the weather is nice 오늘 날씨 좋다 '.repeat(20_000);
    const t0 = Date.now();
    scriptLanguageHints(text);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
