/**
 * Word lists of the Chinese grammar. Written for this project; the choice of entries and their written forms
 * follows WeTextProcessing's Chinese ITN data (Apache-2.0) and NeMo's zh conventions, see docs/itn.md.
 */

/** Currency names to the prefix written before the amount (WeTextProcessing style). */
export const CURRENCY_WETEXT: ReadonlyArray<readonly [string, string]> = [
  ['元', '¥'], ['人民币', 'CNY'], ['美元', '$'], ['美金', '$'], ['欧元', '€'], ['英镑', '£'], ['日元', 'JPY'],
  ['港元', 'HKD'], ['港币', 'HKD'], ['澳元', 'A$'], ['加元', 'CAD'], ['卢布', '₽'], ['俄罗斯卢布', 'RUB'],
  ['印度卢比', '₹'], ['韩元', 'KRW'], ['新台币', 'TWD'], ['马来西亚令吉', 'RM'], ['泰铢', '฿'],
  ['瑞士法郎', 'CHF'], ['新加坡元', 'SGD'], ['越南盾', '₫'], ['菲律宾比索', '₱'], ['土耳其里拉', '₺'],
  ['巴西雷亚尔', 'R$'], ['南非兰特', 'R'], ['新西兰元', 'NZD'], ['瑞典克朗', 'SEK'], ['挪威克朗', 'NOK'],
  ['丹麦克朗', 'kr'], ['印尼盾', 'Rp'], ['墨西哥比索', 'MXN'], ['澳门元', 'MOP'], ['以色列谢克尔', '₪'],
];

/** NeMo's zh money symbols. */
export const CURRENCY_NEMO: ReadonlyArray<readonly [string, string]> = [
  ['元', '¥'], ['人民币', '¥'], ['美元', 'US$'], ['欧元', '€'], ['英镑', '£'], ['韩元', '₩'], ['印度卢布', '₹'],
  ['印度卢比', '₹'], ['日元', 'JPY¥'], ['港元', 'HK$'], ['港币', 'HK$'], ['澳元', 'A$'], ['加元', 'C$'],
  ['新台币', 'NT$'], ['卢布', '₽'],
];

/** Units written as symbols (WeTextProcessing's `units_en`). */
export const UNITS_SYMBOL: ReadonlyArray<readonly [string, string]> = [
  ['千米每小时', 'km/h'], ['公里每小时', 'km/h'], ['千米一小时', 'km/h'], ['英里每小时', 'mph'],
  ['千比特每秒', 'kbps'], ['兆比特每秒', 'mbps'], ['转每分', 'rpm'],
  ['平方厘米', 'cm²'], ['立方厘米', 'cm³'], ['厘米', 'cm'], ['平方分米', 'dm²'], ['立方分米', 'dm³'], ['分米', 'dm'],
  ['平方千米', 'km²'], ['平方公里', 'km²'], ['公里', 'km'], ['千米', 'km'], ['平方米', 'm²'], ['立方米', 'm³'],
  ['平方毫米', 'mm²'], ['毫米', 'mm'], ['纳米', 'nm'], ['微米', 'μm'], ['米', 'm'], ['英尺', 'ft'], ['英里', 'mi'],
  ['码', 'yd'], ['摄氏度', '°C'], ['华氏度', '°F'], ['分贝', 'db'], ['千克', 'kg'], ['公斤', 'kg'], ['毫克', 'mg'],
  ['微克', 'μg'], ['纳克', 'ng'], ['克', 'g'], ['磅', 'lbs'], ['盎司', 'oz'], ['千卡', 'kcal'], ['千瓦时', 'kwh'],
  ['千瓦', 'kw'], ['吉瓦时', 'gwh'], ['吉瓦', 'gw'], ['毫瓦', 'mw'], ['毫伏', 'mv'], ['伏特', 'v'], ['千帕', 'kpa'],
  ['兆帕', 'mpa'], ['帕斯卡', 'pa'], ['千赫兹', 'khz'], ['兆赫兹', 'mhz'], ['吉赫兹', 'ghz'], ['赫兹', 'hz'],
  ['吉字节', 'gb'], ['太字节', 'tb'], ['毫升', 'ml'], ['公顷', 'ha'], ['小时', 'h'], ['分钟', 'min'],
  ['毫秒', 'ms'], ['微秒', 'μs'], ['纳秒', 'ns'], ['秒', 's'], ['摩尔', 'mol'], ['弧度', 'rad'],
];

/** Per-time denominators: 每小时 → /h. */
export const PER_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['小时', 'h'], ['秒钟', 's'], ['秒', 's'], ['分钟', 'min'],
];

/** Measure words and units that stay as written after a number (二十年后 → 20年后). */
export const UNITS_KEPT = [
  '年来', '年前', '年后', '年内', '年之前', '年之后', '个月', '个百分点', '多万',
  ...'人篇帧把封艘套段号匹张座回场尾条个首阙阵网炮顶丘棵只支袭辆挑担颗壳窠曲墙群腔砣客贯扎捆刀令打手罗坡山岭江溪钟队单双对口头脚板跳枝件贴针线管名位身堂课本页家户层丝毫厘分钱斤铢石钧锱忽寸尺丈里寻常铺程撮勺合升斗盘碗碟叠桶笼盆盒杯斛锅簋篮罐瓶壶卮盏箩箱煲啖袋钵季年月日刻时周天旬纪岁世更夜春夏秋冬代伏辈丸泡粒幢堆根道面片块架角毛字元两次顿倍度级期届楼集股票项所间部台栋门摄帧',
];

/** Words left alone even though they contain numerals (idioms, fixed words), WeTextProcessing style. */
export const WHITELIST_KEEP = [
  '三七二十一', '一共', '一个', '三心二意', '七嘴八舌', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六',
  '一起', '一下', '一些', '一样', '一直', '一定', '一般', '一切', '一旦', '一致', '一边', '一面', '一律', '一向',
  '一度', '一再', '一番', '一句', '一阵', '一会儿', '一会', '一点儿', '一点点', '一点', '统一', '唯一', '万一',
  '一心一意', '一模一样', '一五一十', '一清二楚', '独一无二', '乱七八糟', '七上八下', '四面八方', '五湖四海',
  '四舍五入', '千方百计', '千千万万', '成千上万', '万无一失', '一举两得', '一石二鸟', '接二连三', '三番五次',
  '零下', '零食', '零钱', '零件', '零售', '零星', '零散', '零碎', '零部件', '零花钱', '零距离',
  '九牛一毛', '十全十美', '千军万马', '一路', '一同', '一齐', '一时', '一生', '一家人',
];

/** NeMo zh whitelist: spoken expansions of acronyms (only under style `nemo`). */
export const WHITELIST_NEMO: ReadonlyArray<readonly [string, string]> = [
  ['人力资源', 'HR'], ['自动取款机', 'ATM'], ['全球定位系统', 'GPS'], ['刷卡机', 'POS机'], ['通用串行总线', 'USB'],
  ['统一资源定位符', 'URL'], ['虚拟专用网络', 'VPN'], ['网络互联协议', 'IP'], ['平均学分绩点', 'GPA'],
  ['发光二极管', 'LED'], ['可移植文档格式', 'PDF'], ['博士', 'PhD'], ['首席执行官', 'CEO'], ['首席财务官', 'CFO'],
  ['首席技术官', 'CTO'], ['人工智能', 'AI'], ['中央处理器', 'CPU'], ['图形处理器', 'GPU'], ['数字用户线路', 'DSL'],
  ['客户关系管理', 'CRM'], ['国内生产总值', 'GDP'], ['消费者物价指数', 'CPI'], ['工商管理硕士', 'MBA'],
  ['脱氧核糖核酸', 'DNA'], ['首次公开募股', 'IPO'], ['世界贸易组织', 'WTO'], ['美国职业篮球联赛', 'NBA'],
  ['硕士', 'MA'], ['学士', 'BA'],
];

/** Time-of-day words folded into a.m./p.m. (WeTextProcessing). */
export const NOON_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['早上', 'a.m.'], ['上午', 'a.m.'], ['凌晨', 'a.m.'], ['早晨', 'a.m.'], ['清晨', 'a.m.'],
  ['下午', 'p.m.'], ['晚上', 'p.m.'], ['傍晚', 'p.m.'], ['中午', 'p.m.'], ['夜里', 'p.m.'], ['夜间', 'p.m.'],
];

export const LICENSE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/** Train-number prefixes: 高一二 → G12. */
export const TRAIN_PREFIX: Record<string, string> = { 高: 'G', 动: 'D', 特: 'T', 快: 'K', 直: 'Z' };

/** Operators between two numbers (math class). */
export const MATH_OPERATORS: ReadonlyArray<readonly [string, string]> = [
  ['加上', '+'], ['加', '+'], ['减去', '-'], ['减', '-'], ['乘以', '×'], ['乘', '×'], ['除以', '÷'],
  ['等于', '='], ['比', ':'],
];

/** Context where an abbreviated trailing digit is a separate count: 一百一个 → 100 1个 (WeTextProcessing). */
export const COUNT_AFTER_ROUND = ['个月', '年', '月', '周', '天', '位', '次', '个', '顿'];

/** Words after a number that make it approximate: kept verbal (十几万, 几十万). */
export const APPROX_CHARS = '几多来余';
