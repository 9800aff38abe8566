/**
 * Word lists of the Japanese grammar, written for this project after WeTextProcessing's Japanese ITN
 * (Apache-2.0) and NeMo's ja conventions; see docs/itn.md.
 */

/** Units written as symbols after a number. */
export const JA_UNITS_SYMBOL: ReadonlyArray<readonly [string, string]> = [
  ['平方キロメートル', 'km²'],
  ['平方メートル', 'm²'],
  ['平方センチメートル', 'cm²'],
  ['立方メートル', 'm³'],
  ['立方センチメートル', 'cm³'],
  ['キロメートル', 'km'],
  ['センチメートル', 'cm'],
  ['ミリメートル', 'mm'],
  ['メートル', 'm'],
  ['キログラム', 'kg'],
  ['ミリグラム', 'mg'],
  ['グラム', 'g'],
  ['ミリリットル', 'ml'],
  ['リットル', 'L'],
  ['パーセント', '%'],
  ['ミリ秒', 'ms'],
  ['メガ秒', 'ms'],
  ['キロバイト', 'KB'],
  ['メガバイト', 'MB'],
  ['ギガバイト', 'GB'],
  ['テラバイト', 'TB'],
  ['キロワット', 'kW'],
  ['ヘルツ', 'Hz'],
  ['キロヘルツ', 'kHz'],
  ['メガヘルツ', 'MHz'],
  ['ギガヘルツ', 'GHz'],
  ['デシベル', 'dB'],
  ['カロリー', 'cal'],
  ['キロカロリー', 'kcal'],
];

/** 毎秒 after a unit: a rate. */
export const JA_PER: ReadonlyArray<readonly [string, string]> = [
  ['每秒', 's'],
  ['毎秒', 's'],
  ['每時', 'h'],
  ['毎時', 'h'],
  ['每分', 'min'],
  ['毎分', 'min'],
];

/** Currencies written as a prefix symbol; 円 stays a counter. */
export const JA_CURRENCY: ReadonlyArray<readonly [string, string]> = [
  ['米ドル', '$'],
  ['ドル', '$'],
  ['ユーロ', '€'],
  ['ポンド', '£'],
  ['ウォン', '₩'],
  ['人民元', 'CN¥'],
];

/** Counters and units that stay as words after the number (a number with one of these is not standalone). */
export const JA_COUNTERS = [
  '年代',
  '世紀',
  '時間',
  'ヶ月',
  'か月',
  'カ月',
  'ケ月',
  '週間',
  '番目',
  '番線',
  '日間',
  '年間',
  '年生',
  'キロ',
  'ミリ',
  'センチ',
  'トン',
  'ページ',
  'パック',
  'メートル',
  ...'人匹部円個回本枚冊台歳才年月日時分秒週件番階度倍位羽頭杯組軒社校名号巻話曲票点泊着足隻両機錠缶箱袋粒',
];

/** Numerals inside fixed words and names: left alone. */
export const JA_WHITELIST = [
  '十三湖',
  '七夕',
  '一緒',
  '一生懸命',
  '一応',
  '唯一',
  '統一',
  '一般',
  '一方',
  '一気',
  '万一',
  '一瞬',
  '一体',
  '一旦',
  '一斉',
  '一致',
  '一切',
  '一層',
  '同一',
  '均一',
  '四季',
  '三味線',
  '八百屋',
  '一石二鳥',
  '千夜一夜',
  '四捨五入',
  '一期一会',
  '十人十色',
  '三日坊主',
  '七転八起',
  '一喜一憂',
  '一朝一夕',
  '二人三脚',
  '五月雨',
  '一昨日',
  '一昨年',
  '十数',
  '数十',
  '数百',
  '数千',
  '数万',
  '何十',
  '何百',
  '何千',
  '幾千',
  '一人っ子',
];

export const JA_MATH_OPERATORS: ReadonlyArray<readonly [string, string]> = [
  ['プラス', '+'],
  ['マイナス', '-'],
  ['カケル', '×'],
  ['かける', '×'],
  ['ワル', '÷'],
  ['わる', '÷'],
  ['イコール', '='],
];

/** Weekdays after a date: NeMo writes 3月1日(水). */
export const JA_WEEKDAYS: ReadonlyArray<readonly [string, string]> = [
  ['月曜日', '月'],
  ['火曜日', '火'],
  ['水曜日', '水'],
  ['木曜日', '木'],
  ['金曜日', '金'],
  ['土曜日', '土'],
  ['日曜日', '日'],
];
