import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_CODES, ErrorCode } from '@earshot/contracts';

/** Name of the error envelope in the OpenAPI document's components. */
export const ERROR_ENVELOPE_SCHEMA_NAME = 'ErrorEnvelope';

/** `{"error": {"message", "type", "param", "code"}}`, as GlobalExceptionFilter writes it. */
export const ERROR_ENVELOPE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'type', 'param', 'code'],
      properties: {
        message: { type: 'string', description: 'What went wrong and what to change' },
        type: {
          type: 'string',
          enum: ['invalid_request_error', 'authentication_error', 'permission_error', 'rate_limit_error', 'server_error'],
        },
        param: { type: 'string', nullable: true, description: 'The request field at fault, if one is' },
        code: { type: 'string', nullable: true, enum: Object.keys(ERROR_CODES), description: 'libs/contracts ERROR_CODES' },
      },
    },
  },
  example: {
    error: { message: 'No file: send the audio in the multipart field "file"', type: 'invalid_request_error', param: 'file', code: 'INVALID_ARGUMENT' },
  },
};

/**
 * Documents the error answers a route can give, one OpenAPI response per status listing its codes, all in the
 * error envelope. E.g. `@ApiErrors('INVALID_ARGUMENT', 'AUDIO_TOO_LARGE', 'UNAUTHORIZED')`.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_CODES[code].status, [...(byStatus.get(ERROR_CODES[code].status) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: list.join(', '),
        schema: { $ref: `#/components/schemas/${ERROR_ENVELOPE_SCHEMA_NAME}` },
      }),
    ),
  );
}

/** No security requirement in the OpenAPI document (the document's default is an API key); used by @Public(). */
export const ApiNoAuth = () => SetMetadata(DECORATORS.API_SECURITY, []);
