import { normalize } from '../core/itn.engine';

const ja = (s: string, o = {}) => normalize(s, 'ja', o).text;

describe('ja grammar', () => {
  it('converts numbers, dates, times, fractions and units', () => {
    expect(ja('二千二十四年十月一日')).toBe('2024年10月1日');
    expect(ja('三時十五分三十秒')).toBe('3時15分30秒');
    expect(ja('三分の一')).toBe('1/3');
    expect(ja('四十四キログラム')).toBe('44kg');
    expect(ja('二十五パーセント')).toBe('25%');
    expect(ja('マイナス一点零六')).toBe('-1.06');
    expect(ja('一兆三百二十万五千')).toBe('1兆320万5000');
    expect(ja('千九百九十九')).toBe('1999');
    expect(ja('五から九日')).toBe('5~9日');
    expect(ja('三番目の席')).toBe('3番目の席');
  });

  it('leaves written text and fixed words alone', () => {
    for (const s of ['2024年10月1日', '1/3', '一緒に行こう', '唯一の方法', '兆', 'こんにちは。'])
      expect(ja(s)).toBe(s);
  });

  it('writes NeMo conventions under style nemo', () => {
    expect(ja('五千億', { style: 'nemo' })).toBe('500,000,000,000');
    expect(ja('三月一日水曜日', { style: 'nemo' })).toBe('3月1日(水)');
    expect(ja('マイナス一と四分の三', { style: 'nemo' })).toBe('-1 3/4');
  });

  it('honours the flags', () => {
    expect(ja('四部', { enable0To9: false })).toBe('四部');
    expect(ja('四十四部', { enableStandaloneNumber: false })).toBe('44部');
    expect(ja('四十四', { enableStandaloneNumber: false })).toBe('四十四');
  });
});
