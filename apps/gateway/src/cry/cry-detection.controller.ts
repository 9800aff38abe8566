import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CryResult, EarshotError } from '@earshot/contracts';
import { RequireScope } from '@earshot/platform';
import { Backpressure } from '../backpressure/backpressure.interceptor';
import { GatewayConfig } from '../gateway.config';
import { readBody } from '../upload/read-body';
import { CryDetectionService } from './cry-detection.service';
import { ApiCryDetection } from './cry-detection.api-docs';

/** For home-camera firmware: one short clip in the body, a decision out. */
@ApiTags('cry detection')
@Controller('v1/cry-detection')
export class CryDetectionController {
  constructor(
    private readonly cry: CryDetectionService,
    private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireScope('cry-detection')
  @Backpressure('cry')
  @ApiCryDetection()
  async detect(@Req() req: Request, @Query('sample_rate') sampleRate?: string): Promise<CryResult> {
    const contentType = req.headers['content-type'];
    if (typeof contentType === 'string' && contentType.startsWith('multipart/')) {
      throw new EarshotError('INVALID_ARGUMENT', 'Send the clip as the raw request body (WAV, any decodable format, or PCM16 with ?sample_rate=), not multipart', 'body');
    }
    let rate: number | undefined;
    if (sampleRate !== undefined) {
      // Digits only: Number() would also take "0x3E80", "1e4", " 16000 " or a repeated parameter's array.
      rate = typeof sampleRate === 'string' && /^[0-9]{1,6}$/.test(sampleRate) ? Number(sampleRate) : Number.NaN;
      if (!Number.isInteger(rate) || rate < 4000 || rate > 192000) {
        throw new EarshotError('INVALID_ARGUMENT', 'sample_rate must be a whole number of Hz between 4000 and 192000', 'sample_rate');
      }
    }
    const limits = this.config.uploadLimits();
    const body = await readBody(req, {
      maxBytes: limits.maxFileBytes,
      idleTimeoutMs: limits.idleTimeoutMs,
      totalTimeoutMs: limits.totalTimeoutMs,
    });
    return this.cry.detect({ body, contentType, sampleRate: rate });
  }
}
