import { applyReplacements } from '../testing/dev-cases.helper';
import { enGrammar } from './en.grammar';

const itn = (s: string) => applyReplacements(s, enGrammar.find(s, {}));

describe('en grammar', () => {
  it.each([
    ['one hundred and twenty three', '123'],
    ['minus twenty five thousand thirty seven', '-25037'],
    ['twenty one hundred', '2100'],
    ['three billion four hundred million and six', '3400000006'],
    ['twenty-one', '21'],
  ])('cardinal %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it('leaves standalone small numbers alone but converts them with units', () => {
    expect(itn('one of us')).toBe('one of us');
    expect(itn('twelve')).toBe('twelve');
    expect(itn('thirteen')).toBe('13');
    expect(itn('five ounces')).toBe('5 oz');
  });

  it.each([
    ['twenty first', '21st'],
    ['one hundred twelfth', '112th'],
    ['forty third', '43rd'],
    ['ninetieth', '90th'],
  ])('ordinal %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it('keeps set phrases that are not ordinals', () => {
    expect(itn('wait a second')).toBe('wait a second');
    expect(itn('at first, first of all')).toBe('at first, first of all');
  });

  it.each([
    ['three point one four', '3.14'],
    ['point five', '.5'],
    ['seven point two five billion', '7.25 billion'],
    ['forty million', '40 million'],
    ['forty million two', '40000002'],
  ])('decimal %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['twenty five dollars', '$25'],
    ['three dollars and five cents', '$3.05'],
    ['fifty cents', '$0.50'],
    ['one euro', '€1'],
    ['twelve pounds forty', '£12.40'],
    ['six hundred billion won', '₩600 billion'],
    ['two fifty dollars', '$250'],
  ])('money %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['sixty miles per hour', '60 mph'],
    ['five kilometers per hour', '5 km/h'],
    ['minus three degrees celsius', '-3 °C'],
    ['twelve point five percent', '12.5 %'],
    ['four square feet', '4 sq ft'],
    ['one kilogram', '1 kg'],
  ])('measure %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['july fourth nineteen seventy six', 'july 4 1976'],
    ['the third of March twenty twenty', '3 March 2020'],
    ['nineteen nineties', '1990s'],
    ['twenty o five', '2005'],
    ['third quarter of twenty nineteen', 'Q3 2019'],
  ])('date %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['twelve thirty p m', '12:30 p.m.'],
    ['nine o five', '09:05'],
    ['quarter past six', '06:15'],
    ['twenty to nine p m', '08:40 p.m.'],
    ['five o\'clock', '05:00'],
    ['five o\u2019clock', '05:00'],
    ['six A M g m t', '06:00 A.M. gmt'],
  ])('time %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['one two three four five six seven eight nine zero', '123-456-7890'],
    ['oh one two three four five six seven eight nine', '012-345-6789'],
    ['plus one eight zero zero five five five one two one two', '+1 800-555-1212'],
    ['one nine two dot one six eight dot o dot one', '192.168.0.1'],
    ['r two d two', 'r2d2'],
  ])('telephone and serials %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it.each([
    ['john dot smith at gmail dot com', 'john.smith@gmail.com'],
    ['h t t p s colon slash slash w w w dot example dot org', 'https://www.example.org'],
    ['visit w w w dot nvidia dot com', 'visit www.nvidia.com'],
  ])('electronic %s', (spoken, written) => expect(itn(spoken)).toBe(written));

  it('whitelist follows the speaker\'s capitalisation', () => {
    expect(itn('Doctor Who')).toBe('Dr. Who');
    expect(itn('ask doctor who')).toBe('ask dr. who');
  });

  it('rewrites numbers inside sentences and keeps everything else', () => {
    expect(itn('I paid twenty five dollars, then left at five thirty p m!')).toBe(
      'I paid $25, then left at 05:30 p.m.!',
    );
  });

  it.each([
    '$25',
    '2024',
    'He paid $25 in 2024, see Dr. Smith.',
    'Visit www.example.com or mail a@b.com.',
    'It is 12:30 p.m. and 18.5 % of 1,000 km².',
    'One of the first, the Second World War.',
  ])('leaves written text unchanged: %s', (text) => {
    const once = itn(text);
    expect(itn(once)).toBe(once);
    if (!/\b(first|Second)\b/.test(text)) expect(once).toBe(text);
  });

  it('returns sorted, non-overlapping replacements inside the input', () => {
    const input = 'at seven a m, twenty dollars and two hundred meters';
    const reps = enGrammar.find(input, {});
    let pos = 0;
    for (const r of reps) {
      expect(r.start).toBeGreaterThanOrEqual(pos);
      expect(r.end).toBeGreaterThan(r.start);
      pos = r.end;
    }
    expect(pos).toBeLessThanOrEqual(input.length);
  });

  it('survives hostile input in bounded time', () => {
    expect(itn('')).toBe('');
    expect(itn('\u0000\u0007 one\ud800 two \udc00')).toBe('\u0000\u0007 one\ud800 two \udc00');
    const words = 'one two three point four five six seven eight nine dot at minus hundred thousand ';
    const long = words.repeat(Math.ceil(100_000 / words.length)).slice(0, 100_000);
    itn(long.slice(0, 5000)); // warm the JIT: production processes are warm
    const t0 = Date.now();
    const out = itn(long);
    // Generous: the CI box is shared; typically ~150 ms warm on an idle core.
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(out.length).toBeGreaterThan(0);
  });
});
