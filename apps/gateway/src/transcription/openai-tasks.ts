import { UnderstandTask } from '@earshot/contracts';
import { OpenAiOptions } from './request-options';

/** Only verbose_json carries the rich fields; the other formats need nothing but the transcript. */
export function openAiTasks(opts: OpenAiOptions): UnderstandTask[] {
  return opts.format === 'verbose_json' ? ['asr', 'lid', 'ser', 'aed'] : ['asr'];
}
