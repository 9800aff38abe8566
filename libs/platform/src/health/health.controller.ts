import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthRegistry } from './health-check';
import { SERVICE_NAME } from '../service-name';
import { Public } from '../http/route-access';

const CHECK_TIMEOUT_MS = 2000;

const HEALTH_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    service: { type: 'string', example: 'gateway' },
    checks: {
      type: 'object',
      additionalProperties: { type: 'object', properties: { ok: { type: 'boolean' }, detail: { type: 'string' } } },
      example: { queue: { ok: true, detail: 'bullmq' } },
    },
  },
};

@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly registry: HealthRegistry,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: every registered dependency check (queue/Redis, models, ffmpeg, …)' })
  @ApiResponse({ status: 200, description: 'All checks pass', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'A check failed or timed out; `checks` names it', schema: HEALTH_SCHEMA })
  async health(@Res() res: Response): Promise<void> {
    const results = await Promise.all(
      this.registry.all().map(async (c) => {
        const timeout = new Promise<{ ok: boolean; detail: string }>((r) =>
          setTimeout(() => r({ ok: false, detail: 'timed out' }), CHECK_TIMEOUT_MS).unref(),
        );
        const r = await Promise.race([c.check().catch((e: Error) => ({ ok: false, detail: e.message })), timeout]);
        return [c.name, r] as const;
      }),
    );
    const ok = results.every(([, r]) => r.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: this.service, checks: Object.fromEntries(results) });
  }
}
