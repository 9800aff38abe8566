import { Controller, Delete, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EarshotError } from '@earshot/contracts';
import { RequireScope } from '@earshot/platform';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Backpressure } from '../backpressure/backpressure.interceptor';
import { GatewayConfig } from '../gateway.config';
import { readMultipart, requireFile } from '../transcription/multipart-upload';
import { parseUnderstandOptions, parseWebhookUrl } from '../transcription/request-options';
import { Caller, JobsService } from './jobs.service';

const MAX_IDEMPOTENCY_KEY = 255;

/** Batch transcription over HTTP: the upload becomes a job on the public queue; poll it or get a webhook. */
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly config: GatewayConfig,
  ) {}

  @Post()
  @RequireScope('jobs')
  @Backpressure('jobs')
  async create(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const upload = await readMultipart(req, res, this.config.uploadLimits());
    const file = requireFile(upload);
    const opts = parseUnderstandOptions(upload.fields);
    const idem = req.headers['idempotency-key'];
    if (idem !== undefined && (typeof idem !== 'string' || !idem || idem.length > MAX_IDEMPOTENCY_KEY))
      throw new EarshotError('INVALID_ARGUMENT', `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`, 'Idempotency-Key');
    const { view, created } = await this.jobs.submit({
      bytes: file.buffer,
      filename: file.originalname,
      contentType: file.mimetype,
      language: opts.language,
      itn: opts.itn,
      tasks: opts.tasks,
      webhookUrl: parseWebhookUrl(upload.fields),
      owner: req.apiKey?.name,
      idempotencyKey: idem,
    });
    // 202 for a new job; the same request again answers 200 with the job it already made.
    res.status(created ? 202 : 200).location(`/v1/jobs/${view.id}`).json(view);
  }

  @Get(':id')
  @RequireScope('jobs')
  async get(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    return this.jobs.status(id, caller(req));
  }

  @Delete(':id')
  @RequireScope('jobs')
  async remove(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    return this.jobs.cancel(id, caller(req));
  }
}

function caller(req: AuthenticatedRequest): Caller {
  return { owner: req.apiKey?.name, admin: req.apiKey?.scopes.has('admin') ?? false };
}
