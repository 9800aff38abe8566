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
    expect(ja('五から九日')).toBe('5〜9日');
    expect(ja('三番目の席')).toBe('3番目の席');
  });

  it('leaves written text and fixed words alone', () => {
    for (const s of ['2024年10月1日', '1/3', '一緒に行こう', '唯一の方法', '兆', 'こんにちは。'])
      expect(ja(s)).toBe(s);
  });

  it('takes numbers from WeTextProcessing and dates from NeMo under the default house style', () => {
    expect(ja('五千億')).toBe('5000億');
    expect(ja('三から四月')).toBe('3〜4月');
    expect(ja('七十から八十年代')).toBe('70〜80年代');
    expect(ja('六から七')).toBe('6~7');
    expect(ja('七から八年')).toBe('7~8年');
    expect(ja('三月一日水曜日')).toBe('3月1日(水)');
    expect(ja('七月五から九日月曜日から金曜日')).toBe('7月5〜9日月曜日から金曜日');
    expect(ja('五から九日', { style: 'wetext' })).toBe('5~9日');
    expect(ja('三月一日水曜日', { style: 'wetext' })).toBe('3月1日水曜日');
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
