import { Inject, Injectable } from '@nestjs/common';
import { EarshotError, ItnJobData, ItnJobResult } from '@earshot/contracts';
import { isItnLanguage, ItnOptions, ItnService, MAX_ITN_INPUT_CHARS } from '@earshot/itn';
import { JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { ItnConfig } from './itn.config';

/** Worker on `earshot.itn.v1` (or ITN_QUEUE): spoken-form text in, written form and span map out. */
@Injectable()
export class ItnProcessor extends QueueProcessor<ItnJobData, ItnJobResult> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    private readonly itn: ItnService,
    config: ItnConfig,
  ) {
    super(driver, config.queue, config.concurrency);
  }

  async handle(job: JobContext<ItnJobData>): Promise<ItnJobResult> {
    const { text, lang, options } = validate(job.data);
    const result = this.itn.normalize(text, lang, options);
    return { text: result.text, spans: result.spans };
  }
}

/** Bad payloads fail at once (INVALID_ARGUMENT is not retryable) with a message naming the field. */
function validate(data: unknown): { text: string; lang: ItnJobData['lang']; options: ItnOptions } {
  const d = (data ?? {}) as Partial<ItnJobData>;
  if (typeof d.text !== 'string') throw new EarshotError('INVALID_ARGUMENT', 'text must be a string', 'text');
  if (d.text.length > MAX_ITN_INPUT_CHARS) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `text is longer than ${MAX_ITN_INPUT_CHARS} characters`,
      'text',
    );
  }
  if (!isItnLanguage(d.lang))
    throw new EarshotError('INVALID_ARGUMENT', 'lang must be one of zh, en, ja, ko', 'lang');
  const o = d.options ?? {};
  if (typeof o !== 'object')
    throw new EarshotError('INVALID_ARGUMENT', 'options must be an object', 'options');
  for (const key of ['enable0To9', 'enableStandaloneNumber'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') {
      throw new EarshotError('INVALID_ARGUMENT', `options.${key} must be true or false`, `options.${key}`);
    }
  }
  if (o.style !== undefined && o.style !== 'house' && o.style !== 'wetext' && o.style !== 'nemo') {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      'options.style must be house, wetext or nemo',
      'options.style',
    );
  }
  return {
    text: d.text,
    lang: d.lang,
    options: { enable0To9: o.enable0To9, enableStandaloneNumber: o.enableStandaloneNumber, style: o.style },
  };
}
