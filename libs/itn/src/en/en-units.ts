import { Tok } from './en-tokens';
import { wordAt } from './en-numbers';

/**
 * Measurement units and currencies as the NeMo English grammar writes them (lower-case byte and hertz
 * units, kW/mW for watts, "sq ft" for square feet). Spoken forms are singular; plurals are derived.
 */
const UNITS: ReadonlyArray<readonly [string, string]> = [
  ['degree fahrenheit', '°F'], ['fahrenheit', '°F'], ['degree celsius', '°C'], ['celsius', '°C'], ['kelvin', 'K'],
  ['kilometer', 'km'], ['meter', 'm'], ['centimeter', 'cm'], ['millimeter', 'mm'], ['micrometer', 'μm'],
  ['nanometer', 'nm'], ['deci meter', 'dm'], ['decimeter', 'dm'], ['hectare', 'ha'], ['mile', 'mi'], ['yard', 'yd'],
  ['foot', 'ft'], ['inch', '"'], ['astronomical unit', 'au'],
  ['square meter', 'm²'], ['square kilometer', 'km²'], ['square centimeter', 'cm²'], ['square millimeter', 'mm²'],
  ['square mile', 'sq mi'], ['square foot', 'sq ft'], ['square deci meter', 'dm²'],
  ['cubic meter', 'm³'], ['cubic centimeter', 'cm³'], ['cubic deci meter', 'dm³'],
  ['hertz', 'hz'], ['kilohertz', 'khz'], ['megahertz', 'mhz'], ['gigahertz', 'ghz'],
  ['watt', 'W'], ['kilowatt', 'kW'], ['kilo watt', 'kW'], ['megawatt', 'mW'], ['mega watt', 'mW'],
  ['gigawatt', 'gW'], ['giga watt', 'gW'], ['terawatt', 'tW'], ['tera watt', 'tW'], ['watt hour', 'Wh'],
  ['kilowatt hour', 'kWh'], ['kilo watt hour', 'kWh'], ['giga watt hour', 'gWh'],
  ['horsepower', 'hp'], ['horse power', 'hp'],
  ['gram', 'g'], ['kilogram', 'kg'], ['milligram', 'mg'], ['microgram', 'μg'], ['nano gram', 'ng'],
  ['kilogram force', 'kgf'], ['ounce', 'oz'], ['stone', 'st'],
  ['milliliter', 'ml'], ['kilo liter', 'kl'], ['hecto liter', 'hl'], ['giga liter', 'gl'], ['tera liter', 'tl'],
  ['hour', 'h'], ['minute', 'min'], ['second', 's'], ['milli second', 'ms'], ['microsecond', 'μs'],
  ['nanosecond', 'ns'], ['deci second', 'ds'], ['hecto second', 'hs'], ['peta second', 'ps'], ['mega second', 'ms'],
  ['volt', 'v'], ['kilo volt', 'kv'], ['milli volt', 'mv'], ['mega volt', 'mv'],
  ['ampere', 'A'], ['milli ampere', 'mA'], ['micro ampere', 'µA'], ['mega ampere', 'MA'], ['deci ampere', 'dA'],
  ['revolution per minute', 'rpm'], ['mile per hour', 'mph'],
  ['kilobyte', 'kb'], ['megabyte', 'mb'], ['gigabyte', 'gb'], ['terabyte', 'tb'], ['petabyte', 'pb'],
  ['peta byte', 'pb'], ['kilobit', 'kb'], ['megabit', 'mb'], ['gigabit', 'gb'], ['terabit', 'tb'], ['petabit', 'pb'],
  ['bit per second', 'bps'], ['kilobit per second', 'kbps'], ['megabit per second', 'mbps'],
  ['gigabit per second', 'gbps'], ['terabit per second', 'tbps'], ['petabit per second', 'pbps'],
  ['kilo bit per second', 'kbps'], ['mega bit per second', 'mbps'], ['giga bit per second', 'gbps'],
  ['kilobyte per second', 'kbps'], ['megabyte per second', 'mbps'], ['gigabyte per second', 'gbps'],
  ['kilo calory', 'kcal'], ['kilo calorie', 'kcal'], ['c c', 'cc'], ['atmosphere', 'atm'], ['ohm', 'ω'],
  ['decibel', 'db'], ['pascal', 'pa'], ['kilopascal', 'kpa'], ['megapascal', 'mpa'], ['giga pascal', 'gpa'],
  ['mega siemens', 'ms'], ['knot', 'kt'], ['bar', 'bar'], ['mole', 'mol'], ['lumen', 'lm'], ['candela', 'cd'],
  ['radian', 'rad'], ['dalton', 'da'], ['electron volt', 'ev'], ['becquerel', 'bq'], ['gray', 'gy'],
  ['sievert', 'sv'], ['hundredweight', 'cwt'], ['mega coulomb', 'mc'], ['kilonewton', 'kn'], ['kilo newton', 'kn'],
  ['tera joule', 'tj'], ['atomic mass unit', 'amu'], ['mega farad', 'mf'],
  ['percent', '%'], ['per cent', '%'],
];

const CURRENCIES: ReadonlyArray<readonly [string, string]> = [
  ['dollar', '$'], ['us dollar', '$'], ['united states dollar', 'US$'], ['euro', '€'], ['pound', '£'],
  ['british pound', '£'], ['yen', '¥'], ['won', '₩'], ['korean won', '₩'], ['rupee', '₹'], ['indian rupee', '₹'],
];

interface Entry {
  words: string[];
  written: string;
}

/** Spoken forms of one word: itself and its plurals. */
function forms(base: string): string[] {
  const out = [base, base + 's', base + 'es'];
  if (base === 'foot') out.push('feet');
  if (base.endsWith('y')) out.push(base.slice(0, -1) + 'ies');
  return out;
}

/** Entries indexed by every spoken form of their first word, longest phrase first. */
function compile(table: ReadonlyArray<readonly [string, string]>): Map<string, Entry[]> {
  const index = new Map<string, Entry[]>();
  const entries = table
    .map(([spoken, written]) => ({ words: spoken.split(' '), written }))
    .sort((a, b) => b.words.length - a.words.length);
  for (const e of entries) {
    for (const f of forms(e.words[0])) {
      const list = index.get(f) ?? [];
      list.push(e);
      index.set(f, list);
    }
  }
  return index;
}

const INVARIANT_PLURAL = new Set(['hertz', 'yen', 'won', 'horsepower', 'celsius', 'fahrenheit', 'kelvin', 'siemens']);

/** Does spoken word `w` stand for `base` in singular or plural form? Returns 1 plural, 0 singular, -1 no. */
function wordForm(w: string, base: string): number {
  if (w === base) return INVARIANT_PLURAL.has(base) ? 2 : 0;
  if (base === 'foot' && w === 'feet') return 1;
  if (w === base + 's' || w === base + 'es') return 1;
  if (base.endsWith('y') && w === base.slice(0, -1) + 'ies') return 1;
  return -1;
}

export interface UnitMatch {
  written: string;
  end: number;
  plural: boolean;
}

function matchEntry(toks: readonly Tok[], j: number, index: Map<string, Entry[]>): UnitMatch | null {
  const entries = index.get(wordAt(toks, j));
  if (!entries) return null;
  for (const e of entries) {
    let plural = false;
    let ok = true;
    for (let k = 0; k < e.words.length; k++) {
      const f = wordForm(wordAt(toks, j + k), e.words[k]);
      if (f < 0) {
        ok = false;
        break;
      }
      if (f === 1) plural = true;
    }
    if (ok) return { written: e.written, end: j + e.words.length, plural };
  }
  return null;
}

const UNIT_ENTRIES = compile(UNITS);
const CURRENCY_ENTRIES = compile(CURRENCIES);

export function matchUnit(toks: readonly Tok[], j: number): UnitMatch | null {
  return matchEntry(toks, j, UNIT_ENTRIES);
}

export function matchCurrency(toks: readonly Tok[], j: number): UnitMatch | null {
  return matchEntry(toks, j, CURRENCY_ENTRIES);
}
