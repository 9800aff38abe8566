import { EarshotError } from '@earshot/contracts';
import { MAX_ITN_INPUT_CHARS, normalize } from './itn.engine';
import { registeredLanguages } from './registry';

describe('normalize: mixed scripts', () => {
  const withEn = registeredLanguages().includes('en') ? it : it.skip;

  withEn('hands multi-word English runs in Chinese text to the English grammar', () => {
    expect(normalize('I have twenty five dollars 和五本书', 'zh').text).toBe('I have $25 和5本书');
  });

  it('leaves single Latin words and written English alone', () => {
    expect(normalize('我用iPhone打了three次电话', 'zh').text).toBe('我用iPhone打了three次电话');
    expect(normalize('The price is $25, OK?', 'zh').text).toBe('The price is $25, OK?');
  });
});

describe('normalize: hostile input', () => {
  it('returns empty output for empty input and keeps blank text', () => {
    expect(normalize('', 'zh').text).toBe('');
    expect(normalize('   ', 'ja').text).toBe('   ');
  });

  it('passes control characters and lone surrogates through untouched', () => {
    const odd = '\u0000\u0007二十\u001b[0m\ud800三\udfff\u200b';
    const { text, spans } = normalize(odd, 'zh');
    expect(text).toBe('\u0000\u000720\u001b[0m\ud8003\udfff\u200b');
    expect(spans[spans.length - 1].inEnd).toBe(odd.length);
    expect(normalize('\ud800\ud800マイナス\udc00', 'ja').text).toBe('\ud800\ud800マイナス\udc00');
  });

  it.each(['zh', 'ja'] as const)('finishes a 100 KB line in well under a second (%s)', (lang) => {
    const unit =
      lang === 'zh'
        ? '一二三四五六七八九十百千万亿点零幺两分之'
        : '一二三四五六七八九十百千万億兆点零から分の';
    const patterns = [
      unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000),
      '一'.repeat(100_000),
      '一千'.repeat(50_000),
      '九点'.repeat(50_000),
      ('今天是二零二四年三月五号下午三点半，价格一千二百元。' + 'abc def ').repeat(3000).slice(0, 100_000),
    ];
    normalize(patterns[0].slice(0, 2000), lang); // warm the JIT so the guard measures the scan, not compilation
    for (const line of patterns) {
      // A guard against quadratic scans (100k² steps take minutes), not a speed test: a linear scan takes ~0.2 s of
      // CPU, so 10 s leaves room for a loaded CI machine and still catches a blow-up.
      const c0 = process.cpuUsage();
      const out = normalize(line, lang);
      const cpu = process.cpuUsage(c0);
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(10_000);
      expect(typeof out.text).toBe('string');
      expect(out.spans[out.spans.length - 1].inEnd).toBe(line.length);
    }
  });

  it('rejects unknown languages, unregistered grammars and oversize input with typed errors', () => {
    expect(() => normalize('一', 'xx' as never)).toThrow(EarshotError);
    expect(() => normalize('x'.repeat(MAX_ITN_INPUT_CHARS + 1), 'zh')).toThrow(/longer than/);
    try {
      normalize('一', 'xx' as never);
    } catch (e) {
      expect((e as EarshotError).code).toBe('INVALID_ARGUMENT');
    }
  });
});
