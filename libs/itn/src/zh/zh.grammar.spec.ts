import { normalize } from '../core/itn.engine';

const zh = (s: string, o = {}) => normalize(s, 'zh', o).text;

describe('zh grammar', () => {
  it('converts the classes the anchors cover', () => {
    expect(zh('二零二四年三月五号下午三点半')).toBe('2024年3月5号3:30p.m.');
    expect(zh('早上一点零二')).toBe('1:02a.m.');
    expect(zh('一点零二')).toBe('1.02');
    expect(zh('价格是一千二百三十四点五元')).toBe('价格是¥1234.5');
    expect(zh('百分之三十到四十')).toBe('30~40%');
    expect(zh('每小时一百二十公里')).toBe('120km/h');
    expect(zh('四分之三')).toBe('3/4');
    expect(zh('拨打幺三八零零一三八零零零')).toBe('拨打13800138000');
    expect(zh('一九二点一六八点一点一')).toBe('192.168.1.1');
    expect(zh('两千零二十四')).toBe('2,024');
    expect(zh('两千零二十四', { style: 'wetext' })).toBe('2024');
    expect(zh('三五百公里')).toBe('300~500km');
    expect(zh('第二十三名')).toBe('第23名');
  });

  it('leaves written text, words with numerals and approximate numbers alone', () => {
    for (const s of [
      '2024年3月5号',
      '$25',
      '¥1234.5',
      '3:30p.m.',
      '一起去',
      '星期一',
      '三心二意',
      '十几万人',
      '几十个',
      '你好，世界！',
    ]) {
      expect(zh(s)).toBe(s);
    }
  });

  it('keeps punctuation and Latin text in mixed lines', () => {
    expect(zh('我买了iPhone十五，花了五千元。OK?')).toBe('我买了iPhone15，花了¥5000。OK?');
    expect(zh('A B C 二十 D')).toBe('A B C 20 D');
  });

  it('honours the flags', () => {
    expect(zh('一年后')).toBe('1年后');
    expect(zh('一年后', { enable0To9: false })).toBe('一年后');
    expect(zh('五十五', { enableStandaloneNumber: false })).toBe('五十五');
    expect(zh('十二块五', { enableStandaloneNumber: false })).toBe('12块5');
  });

  it('takes each class from the anchor with more dev rows under the default house style', () => {
    // NeMo: cardinal commas and round big units, ordinals, money, dates, acronyms, 点/刻 clock words.
    expect(zh('一万一千一百一十一')).toBe('11,111');
    expect(zh('一万')).toBe('1万');
    expect(zh('三千点五')).toBe('3,000.5');
    expect(zh('第一百一十九万九千')).toBe('第1199000');
    expect(zh('一万美元')).toBe('US$1万');
    expect(zh('一千万日元')).toBe('JPY¥1000万');
    expect(zh('二零零八年八月八日')).toBe('2008年8月8日');
    expect(zh('人力资源')).toBe('HR');
    expect(zh('三点一刻')).toBe('3点1刻');
    expect(zh('六点')).toBe('6点');
    expect(zh('八点五分')).toBe('08:05');
    // WeTextProcessing: units, ranges, the flags' small numbers, clock layout, currencies NeMo lacks.
    expect(zh('二十五千克')).toBe('25kg');
    expect(zh('三五千')).toBe('3000~5000');
    expect(zh('六百三到六百四')).toBe('630~640');
    expect(zh('是二')).toBe('是2');
    expect(zh('这是八百一千')).toBe('这是800 1000');
    expect(zh('这是八百一千', { style: 'nemo' })).toBe('这是800 1,000');
    expect(zh('八点零五分')).toBe('8:05');
    expect(zh('八点三十')).toBe('8:30');
    expect(zh('十五六卢布')).toBe('₽15-6');
    expect(zh('七百三四十马来西亚令吉')).toBe('RM730-40');
  });

  it('writes WeTextProcessing conventions under style wetext', () => {
    expect(zh('二零二四年三月五号', { style: 'wetext' })).toBe('2024年03/05');
    expect(zh('二零零八年八月八日', { style: 'wetext' })).toBe('2008/08/08');
    expect(zh('下午三点半', { style: 'wetext' })).toBe('3:30p.m.');
    expect(zh('八点五分', { style: 'wetext' })).toBe('8.5分');
  });

  it('writes NeMo conventions under style nemo', () => {
    expect(zh('一万一千一百一十一', { style: 'nemo' })).toBe('11,111');
    expect(zh('一万', { style: 'nemo' })).toBe('1万');
    expect(zh('一七九八年五月三十日', { style: 'nemo' })).toBe('1798年5月30日');
    expect(zh('五点二十五分', { style: 'nemo' })).toBe('05:25');
  });
});
