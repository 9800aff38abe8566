import { Inject, Injectable } from '@nestjs/common';
import {
  ASR_LANGUAGES,
  AsrResult,
  EarshotError,
  ITN_TRANSCRIPT_JOB,
  ItnJobData,
  ItnJobResult,
  ItnTranscriptJobData,
  ItnTranscriptJobResult,
} from '@earshot/contracts';
import { isItnLanguage, ItnOptions, ItnService, MAX_ITN_INPUT_CHARS } from '@earshot/itn';
import { JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { ItnConfig } from './itn.config';
import { writeTranscript } from './transcript-itn';

/**
 * Worker on `earshot.itn.v1` (or ITN_QUEUE). Two kinds of job: plain `ItnJobData` (spoken-form text in, written form
 * and span map out), and the ITN step of a request's flow (`ITN_TRANSCRIPT_JOB`), which rewrites its ASR child's
 * transcript.
 */
@Injectable()
export class ItnProcessor extends QueueProcessor<
  ItnJobData | ItnTranscriptJobData,
  ItnJobResult | ItnTranscriptJobResult
> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    private readonly itn: ItnService,
    config: ItnConfig,
  ) {
    super(driver, config.queue, config.concurrency);
  }

  async handle(
    job: JobContext<ItnJobData | ItnTranscriptJobData>,
  ): Promise<ItnJobResult | ItnTranscriptJobResult> {
    if (job.name === ITN_TRANSCRIPT_JOB) return this.transcript(job as JobContext<ItnTranscriptJobData>);
    const { text, lang, options } = validate(job.data);
    const result = this.itn.normalize(text, lang, options);
    return { text: result.text, spans: result.spans };
  }

  private async transcript(job: JobContext<ItnTranscriptJobData>): Promise<ItnTranscriptJobResult> {
    const d = (job.data ?? {}) as Partial<ItnTranscriptJobData>;
    if (typeof d.asrJobId !== 'string')
      throw new EarshotError('INVALID_ARGUMENT', 'asrJobId must be a string', 'asrJobId');
    if (!(ASR_LANGUAGES as readonly string[]).includes(d.language as string))
      throw new EarshotError('INVALID_ARGUMENT', `language must be one of ${ASR_LANGUAGES.join(', ')}`, 'language');
    const options = validateOptions(d.options);
    const { values } = await job.childResults();
    const asr = values[d.asrJobId] as AsrResult | undefined;
    if (!asr || !Array.isArray(asr.segments))
      throw new EarshotError('INVALID_ARGUMENT', `no ASR result from child job ${d.asrJobId}`, 'asrJobId');
    return writeTranscript(asr, d.language!, options, (text, lang, o) => this.itn.normalize(text, lang, o));
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
  return { text: d.text, lang: d.lang, options: validateOptions(d.options) };
}

function validateOptions(options: unknown): ItnOptions {
  const o = (options ?? {}) as ItnJobData['options'] & object;
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
  return { enable0To9: o.enable0To9, enableStandaloneNumber: o.enableStandaloneNumber, style: o.style };
}
