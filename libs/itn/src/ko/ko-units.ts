/**
 * Korean unit, currency and counter words with their written forms (NeMo ko conventions: "100 MHz",
 * "33 py", "36.5 °", "₩5000"). Lookups take the longest word at a position.
 */
export const UNITS: Readonly<Record<string, string>> = {
  킬로미터: 'km', 미터: 'm', 센티미터: 'cm', 밀리미터: 'mm', 마이크로미터: 'μm', 나노미터: 'nm',
  인치: 'in', 피트: 'ft', 마일: 'mi', 야드: 'yd',
  제곱미터: 'm²', 제곱킬로미터: 'km²', 제곱센티미터: 'cm²', 세제곱미터: 'm³', 세제곱센티미터: 'cm³',
  헥타르: 'ha', 평: 'py', 에이커: 'ac',
  그램: 'g', 킬로그램: 'kg', 밀리그램: 'mg', 마이크로그램: 'μg', 톤: 't', 온스: 'oz',
  리터: 'l', 밀리리터: 'ml', 시시: 'cc',
  도: '°', 섭씨: '°C', 화씨: '°F', 퍼센트: '%', 프로: '%',
  헤르츠: 'Hz', 킬로헤르츠: 'kHz', 메가헤르츠: 'MHz', 기가헤르츠: 'GHz',
  바이트: 'B', 킬로바이트: 'KB', 메가바이트: 'MB', 기가바이트: 'GB', 테라바이트: 'TB', 페타바이트: 'PB',
  메가: 'MB', 기가: 'GB', 테라: 'TB',
  와트: 'W', 킬로와트: 'kW', 메가와트: 'MW', 기가와트: 'GW', 킬로와트시: 'kWh',
  볼트: 'V', 킬로볼트: 'kV', 암페어: 'A', 밀리암페어: 'mA', 밀리암페어시: 'mAh', 옴: 'Ω',
  밀리초: 'ms', 마이크로초: 'μs', 나노초: 'ns', 마력: 'hp', 메가와트시: 'MWh',
  칼로리: 'cal', 킬로칼로리: 'kcal', 데시벨: 'dB', 알피엠: 'rpm', 노트: 'kn',
  파스칼: 'Pa', 헥토파스칼: 'hPa', 킬로파스칼: 'kPa', 기압: 'atm', 뉴턴: 'N',
};

/** Only after 퍼/당, where a bare time word is unambiguous ("미터퍼초" → "m/s"). */
export const PER_UNITS: Readonly<Record<string, string>> = { ...UNITS, 초: 's', 분: 'min', 시간: 'h', 시: 'h' };

export const CURRENCIES: Readonly<Record<string, string>> = {
  원: '₩', 달러: '$', 유로: '€', 엔: '¥', 파운드: '£', 위안: '¥', 페소: '$', 루피: '₹',
};

export const COUNTERS = [
  '개', '명', '병', '마리', '대', '송이', '포기', '사람', '자루', '채', '켤레', '그루', '벌', '잔', '장', '권', '살',
];

function byLength(words: Iterable<string>): string[] {
  return [...words].sort((a, b) => b.length - a.length);
}

const UNIT_WORDS = byLength(Object.keys(UNITS));
const PER_WORDS = byLength(Object.keys(PER_UNITS));
const CURRENCY_WORDS = byLength(Object.keys(CURRENCIES));
const COUNTER_WORDS = byLength(COUNTERS);

function longest(s: string, p: number, words: string[]): string | null {
  for (const w of words) if (s.startsWith(w, p)) return w;
  return null;
}

export const matchUnit = (s: string, p: number) => longest(s, p, UNIT_WORDS);
export const matchPerUnit = (s: string, p: number) => longest(s, p, PER_WORDS);
export const matchCurrency = (s: string, p: number) => longest(s, p, CURRENCY_WORDS);
export const matchCounter = (s: string, p: number) => longest(s, p, COUNTER_WORDS);
