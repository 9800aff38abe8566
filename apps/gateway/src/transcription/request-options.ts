import {
  ASR_LANGUAGES,
  AsrLanguage,
  EarshotError,
  UNDERSTAND_TASKS,
  UnderstandTask,
} from '@earshot/contracts';

export const OPENAI_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;
export type OpenAiFormat = (typeof OPENAI_FORMATS)[number];
export const UNDERSTAND_FORMATS = ['json', 'tags', 'rich', 'text', 'srt', 'vtt'] as const;
export type UnderstandFormat = (typeof UNDERSTAND_FORMATS)[number];

type Fields = Record<string, string | string[]>;

export interface OpenAiOptions {
  language: AsrLanguage;
  format: OpenAiFormat;
  words: boolean;
  segments: boolean;
}

export interface UnderstandOptions {
  tasks: UnderstandTask[];
  language: AsrLanguage;
  itn: boolean;
  format: UnderstandFormat;
}

function one(fields: Fields, name: string): string | undefined {
  const v = fields[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length > 1) throw new EarshotError('INVALID_ARGUMENT', `${name} was sent more than once`, name);
    return v[0];
  }
  return v;
}

function all(fields: Fields, ...names: string[]): string[] {
  return names.flatMap((n) =>
    fields[n] === undefined ? [] : Array.isArray(fields[n]) ? (fields[n] as string[]) : [fields[n] as string],
  );
}

/** Missing, empty or `auto` all mean detect; OpenAI clients send ISO-639-1 codes. */
function language(fields: Fields): AsrLanguage {
  const v = one(fields, 'language')?.trim().toLowerCase();
  if (!v) return 'auto';
  if (!(ASR_LANGUAGES as readonly string[]).includes(v)) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `language must be one of ${ASR_LANGUAGES.join(', ')} (or left out to detect it)`,
      'language',
    );
  }
  return v as AsrLanguage;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  param: string,
): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new EarshotError('INVALID_ARGUMENT', `${param} must be one of ${allowed.join(', ')}`, param);
  return value as T;
}

/** The OpenAI form: `model`, `prompt` accepted and ignored; `temperature` validated and ignored. */
export function parseOpenAiOptions(fields: Fields): OpenAiOptions {
  const format = oneOf(one(fields, 'response_format'), OPENAI_FORMATS, 'json', 'response_format');
  const temperature = one(fields, 'temperature');
  if (temperature !== undefined && temperature !== '') {
    const t = Number(temperature);
    if (!Number.isFinite(t) || t < 0 || t > 1)
      throw new EarshotError(
        'INVALID_ARGUMENT',
        'temperature must be a number between 0 and 1',
        'temperature',
      );
  }
  const granularities = all(fields, 'timestamp_granularities[]', 'timestamp_granularities');
  for (const g of granularities) {
    if (g !== 'word' && g !== 'segment')
      throw new EarshotError(
        'INVALID_ARGUMENT',
        'timestamp_granularities must be word and/or segment',
        'timestamp_granularities',
      );
  }
  const words = granularities.includes('word');
  if (words && format !== 'verbose_json') {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      'timestamp_granularities word needs response_format verbose_json',
      'timestamp_granularities',
    );
  }
  // OpenAI: ["word"] alone returns words without segments; nothing or "segment" returns segments.
  const segments = granularities.length === 0 || granularities.includes('segment');
  return { language: language(fields), format, words, segments };
}

/** Written form (SenseVoice's use_itn), default true; also accepted on the OpenAI route as an extension. */
export function parseItn(fields: Fields): boolean {
  return bool(one(fields, 'itn'), true, 'itn');
}

function bool(value: string | undefined, fallback: boolean, param: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new EarshotError('INVALID_ARGUMENT', `${param} must be true or false`, param);
}

/** `/v1/understand`: `tasks` is a comma list (asr is always run), `itn` defaults to true as SenseVoice's use_itn. */
export function parseUnderstandOptions(fields: Fields): UnderstandOptions {
  const raw = one(fields, 'tasks');
  let tasks: UnderstandTask[] = [...UNDERSTAND_TASKS];
  if (raw !== undefined && raw.trim() !== '') {
    const asked = raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    for (const t of asked) {
      if (!(UNDERSTAND_TASKS as readonly string[]).includes(t))
        throw new EarshotError(
          'INVALID_ARGUMENT',
          `tasks must be a comma list of ${UNDERSTAND_TASKS.join(', ')}`,
          'tasks',
        );
    }
    tasks = UNDERSTAND_TASKS.filter((t) => t === 'asr' || asked.includes(t));
  }
  return {
    tasks,
    language: language(fields),
    itn: parseItn(fields),
    format: oneOf(one(fields, 'format'), UNDERSTAND_FORMATS, 'json', 'format'),
  };
}

/** `webhook_url` of POST /v1/jobs (checked further by the webhook service); absent or empty means none. */
export function parseWebhookUrl(fields: Fields): string | undefined {
  const v = one(fields, 'webhook_url')?.trim();
  return v ? v : undefined;
}
