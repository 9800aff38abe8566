import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiErrors } from '@earshot/platform';

// The clip is the raw body (read by hand with limits), so its shape is described here rather than inferred.
export const ApiCryDetection = () =>
  applyDecorators(
    ApiOperation({ summary: 'Is a baby crying in this clip? For camera firmware (scope `cry-detection`)' }),
    ApiConsumes('audio/wav', 'audio/flac', 'audio/mpeg', 'application/octet-stream'),
    ApiBody({ description: 'The clip (at most CRY_MAX_SECONDS): any decodable file, or raw PCM16 LE mono with ?sample_rate=', schema: { type: 'string', format: 'binary' } }),
    ApiQuery({ name: 'sample_rate', required: false, type: Number, description: 'Hz of a raw PCM16 body (4000–192000)' }),
    ApiOkResponse({
      description: 'The decision',
      schema: {
        type: 'object',
        required: ['crying', 'score', 'threshold', 'segments', 'model'],
        properties: {
          crying: { type: 'boolean' },
          score: { type: 'number', minimum: 0, maximum: 1, description: 'Calibrated cry score' },
          threshold: { type: 'number' },
          segments: {
            type: 'array',
            items: { type: 'object', properties: { start: { type: 'number' }, end: { type: 'number' }, score: { type: 'number' } } },
          },
          model: { type: 'string', example: 'aed-events' },
        },
      },
    }),
    ApiErrors('INVALID_ARGUMENT', 'AUDIO_EMPTY', 'AUDIO_NOT_AUDIO', 'AUDIO_TOO_LARGE', 'AUDIO_TOO_LONG', 'UPLOAD_TIMEOUT', 'UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'OVERLOADED', 'TIMEOUT'),
  );
