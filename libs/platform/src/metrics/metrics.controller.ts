import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-docs';
import { PublicWhen, RequireScope } from '../http/route-access';
import { MetricsService } from './metrics.service';

/** Prometheus scrape endpoint; on the gateway it needs the admin scope unless METRICS_PUBLIC=true. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @RequireScope('admin')
  @PublicWhen('metricsPublic')
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    description:
      'Requests, latencies, queue depths, job outcomes, model run times and process metrics. Needs an API key with the ' +
      '`admin` scope unless the gateway runs with METRICS_PUBLIC=true. Metric names: docs/api.md.',
  })
  @ApiProduces('text/plain')
  @ApiErrors('UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED')
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.render();
    res.status(200).setHeader('Content-Type', this.metrics.contentType);
    res.send(body);
  }
}
