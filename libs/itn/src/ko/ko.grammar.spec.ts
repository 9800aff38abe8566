import { applyReplacements } from '../testing/dev-cases.helper';
import { koGrammar } from './ko.grammar';

const itn = (s: string) => applyReplacements(s, koGrammar.find(s, {}));

describe('ko grammar', () => {
  it.each([
    ['삼만오천칠백', '35700'],
    ['이조오천억', '2500000000000'],
    ['만천이백', '11200'],
    ['마이너스 칠백삼십오', '-735'],
    ['사천육백칠십팔', '4678'],
  ])('cardinal %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['영점오', '0.5'],
    ['삼십칠점구', '37.9'],
    ['이점오억', '2.5억'],
  ])('decimal %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['칠분의삼', '3/7'],
    ['이와삼분의일', '2 1/3'],
    ['루트구분의일', '1/√9'],
  ])('fraction %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['다섯번째', '5번째'],
    ['스물한번째', '21번째'],
    ['오십번째', '50번째'],
    ['사과 세 개', '사과 3 개'],
    ['스무살', '20살'],
  ])('ordinal and counters %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['삼천오백 원', '₩3500'],
    ['이십 달러', '$20'],
    ['칠십 킬로그램', '70 kg'],
    ['영하 오 도', '-5 °'],
    ['백 킬로미터퍼시간', '100 km/h'],
    ['이십오 퍼센트', '25 %'],
  ])('money and measure %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['이천이십사년 유월 이십오일', '2024년6월25일'],
    ['시월 삼일', '10월3일'],
    ['오후 세시 반', '오후 3:30'],
    ['열시 십오분 전', '10:15 전'],
    ['삼십분 후', '30분 후'],
    ['공일공에 구팔칠육에 오사삼이', '010-9876-5432'],
  ])('date, time, telephone %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it('converts inside sentences and keeps particles', () => {
    expect(itn('사과가 삼백이십 개 있고 오후 세시 반에 만나요.')).toBe('사과가 320 개 있고 오후 3:30에 만나요.');
    expect(itn('삼백이십을 더하면')).toBe('320을 더하면');
  });

  it('leaves words made of digit syllables alone', () => {
    for (const text of ['이 사람은 이사를 갔다', '오이 주세요', '만일 그렇다면', '천사 같은 아이', '일 더하기 일은 이']) {
      expect(itn(text)).toBe(text);
    }
  });

  it('converts a lone numeral only when it is the whole line or signed', () => {
    expect(itn('구')).toBe('9');
    expect(itn('- 일')).toBe('-1');
    expect(itn('이 책')).toBe('이 책');
    expect(itn('이 도시에 두 대')).toBe('이 도시에 2 대');
  });

  it.each(['2024년 3월 5일 ₩5000', '오후 3:30', '010-1234-5678', '10 km 달리기', '오늘 날씨가 좋네요.'])(
    'leaves written text unchanged: %s',
    (text) => expect(itn(text)).toBe(text),
  );

  it('survives hostile input in bounded time', () => {
    expect(itn('')).toBe('');
    expect(itn('\u0000삼\ud800백')).toBe('\u0000삼\ud800백');
    const long = '삼백이십 원 이사 오이 두시 공일공 '.repeat(6000).slice(0, 100_000);
    itn(long.slice(0, 5000)); // warm the JIT: production processes are warm
    const t0 = Date.now();
    const out = itn(long);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(out).toContain('₩320');
  });
});
