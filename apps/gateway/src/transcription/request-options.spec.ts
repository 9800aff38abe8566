import { EarshotError } from '@earshot/contracts';
import { parseOpenAiOptions, parseUnderstandOptions } from './request-options';

function param(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof EarshotError) return e.param;
    throw e;
  }
  throw new Error('expected an EarshotError');
}

describe('parseOpenAiOptions', () => {
  it('defaults like OpenAI: json, auto language, segments without words', () => {
    expect(parseOpenAiOptions({ model: 'whisper-1', prompt: 'ignored' })).toEqual({
      language: 'auto',
      format: 'json',
      words: false,
      segments: true,
    });
  });

  it('accepts both spellings of timestamp_granularities and follows OpenAI on word alone', () => {
    expect(
      parseOpenAiOptions({
        response_format: 'verbose_json',
        'timestamp_granularities[]': ['word', 'segment'],
      }),
    ).toMatchObject({ words: true, segments: true });
    expect(
      parseOpenAiOptions({ response_format: 'verbose_json', timestamp_granularities: 'word' }),
    ).toMatchObject({ words: true, segments: false });
  });

  it('refuses word with json, unknown formats, temperatures outside 0..1 and unknown languages', () => {
    expect(param(() => parseOpenAiOptions({ 'timestamp_granularities[]': 'word' }))).toBe(
      'timestamp_granularities',
    );
    expect(param(() => parseOpenAiOptions({ response_format: 'mp3' }))).toBe('response_format');
    expect(param(() => parseOpenAiOptions({ temperature: '-0.1' }))).toBe('temperature');
    expect(param(() => parseOpenAiOptions({ temperature: 'warm' }))).toBe('temperature');
    expect(param(() => parseOpenAiOptions({ language: 'fr' }))).toBe('language');
    expect(param(() => parseOpenAiOptions({ response_format: ['json', 'text'] }))).toBe('response_format');
    expect(parseOpenAiOptions({ temperature: '0.7', language: 'ZH' }).language).toBe('zh');
  });
});

describe('parseUnderstandOptions', () => {
  it('runs every task with ITN by default', () => {
    expect(parseUnderstandOptions({})).toEqual({
      tasks: ['asr', 'lid', 'ser', 'aed'],
      language: 'auto',
      itn: true,
      format: 'json',
    });
  });

  it('always keeps asr and orders the tasks', () => {
    expect(parseUnderstandOptions({ tasks: 'aed, lid', itn: 'false', format: 'tags' })).toEqual({
      tasks: ['asr', 'lid', 'aed'],
      language: 'auto',
      itn: false,
      format: 'tags',
    });
  });

  it('refuses unknown tasks, formats and itn values', () => {
    expect(param(() => parseUnderstandOptions({ tasks: 'asr,diarize' }))).toBe('tasks');
    expect(param(() => parseUnderstandOptions({ format: 'verbose_json' }))).toBe('format');
    expect(param(() => parseUnderstandOptions({ itn: 'yes' }))).toBe('itn');
  });
});
