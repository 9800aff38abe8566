import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ASR_LANGUAGES, UNDERSTAND_TASKS } from '@earshot/contracts';
import { ApiErrors } from '@earshot/platform';
import { OPENAI_FORMATS, UNDERSTAND_FORMATS } from './request-options';

// OpenAPI descriptions of the two multipart routes; the controller parses the form by hand (streamed, limited),
// so Nest cannot infer these from DTO classes.
const file: SchemaObject = { type: 'string', format: 'binary', description: 'The audio: wav, flac, mp3, ogg, webm, m4a, … (anything ffmpeg decodes)' };
const language: SchemaObject = { type: 'string', enum: [...ASR_LANGUAGES], description: 'Left out or `auto`: detected' };
const UPLOAD_ERRORS = [
  'INVALID_ARGUMENT',
  'AUDIO_EMPTY',
  'AUDIO_NOT_AUDIO',
  'AUDIO_TOO_LARGE',
  'AUDIO_TOO_LONG',
  'AUDIO_DECODE_FAILED',
  'UPLOAD_TIMEOUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'OVERLOADED',
  'TIMEOUT',
] as const;

const RICH_TRANSCRIPT: SchemaObject = {
  type: 'object',
  description: 'RichTranscript (libs/contracts/src/transcript/rich-transcript.ts); fields in docs/api.md',
  properties: {
    language: { type: 'string' },
    emotion: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    text: { type: 'string', description: 'Written form (after ITN when asked)' },
    text_spoken: { type: 'string' },
    duration: { type: 'number' },
    itn: { type: 'boolean' },
    segments: { type: 'array', items: { type: 'object' } },
    audio_events: { type: 'array', items: { type: 'object' } },
    models: { type: 'object', additionalProperties: { type: 'string' } },
    missing: { type: 'array', items: { type: 'object', properties: { task: { type: 'string' }, reason: { type: 'string' } } } },
  },
};

/** A multipart upload route: the audio in `file` plus these fields; JSON or text answers; the upload errors. */
function multipartUpload(summary: string, fields: Record<string, SchemaObject>, ok: { description: string; schema: SchemaObject }) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file, ...fields } } }),
    ApiProduces('application/json', 'text/plain', 'text/vtt'),
    ApiOkResponse(ok),
    ApiErrors(...UPLOAD_ERRORS),
  );
}

export const ApiTranscriptions = () =>
  multipartUpload(
    'OpenAI-compatible transcription (scope `transcribe`)',
    {
      model: { type: 'string', description: 'Accepted and ignored: the ASR worker decides (ASR_MODEL)' },
      language,
      prompt: { type: 'string', description: 'Accepted and ignored' },
      response_format: { type: 'string', enum: [...OPENAI_FORMATS], default: 'json' },
      temperature: { type: 'number', minimum: 0, maximum: 1, description: 'Validated and ignored' },
      'timestamp_granularities[]': { type: 'array', items: { type: 'string', enum: ['segment', 'word'] } },
      itn: { type: 'boolean', description: 'Written form' },
    },
    {
      description:
        '`json`: `{"text"}`; `verbose_json`: OpenAI verbose form with segments (and words) plus rich fields; `text`, `srt`, `vtt` as text',
      schema: { type: 'object', properties: { text: { type: 'string' } } },
    },
  );

export const ApiUnderstand = () =>
  multipartUpload(
    'The full rich transcript (scope `transcribe`)',
    {
      tasks: { type: 'string', default: UNDERSTAND_TASKS.join(','), description: `Comma list of ${UNDERSTAND_TASKS.join(', ')}; asr always runs` },
      language,
      itn: { type: 'boolean', default: true },
      format: { type: 'string', enum: [...UNDERSTAND_FORMATS], default: 'json' },
    },
    { description: '`format=json`: the rich transcript; other formats as text', schema: RICH_TRANSCRIPT },
  );
