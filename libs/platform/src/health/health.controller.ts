import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthRegistry } from './health-check';
import { SERVICE_NAME } from '../service-name';
import { Public } from '../http/route-access';

const CHECK_TIMEOUT_MS = 2000;

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly registry: HealthRegistry,
  ) {}

  @Get()
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
