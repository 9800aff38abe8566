import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EarshotError } from '@earshot/contracts';
import { RequireScope } from '@earshot/platform';
import { Backpressure } from '../backpressure/backpressure.interceptor';
import { GatewayConfig } from '../gateway.config';
import { readMultipart, requireFile } from './multipart-upload';
import { parseItn, parseOpenAiOptions, parseUnderstandOptions } from './request-options';
import { openAiTasks } from './openai-tasks';
import { renderOpenAi } from './openai-render';
import { Rendered, renderRich } from './transcript-render';
import { TranscriptionService } from './transcription.service';
import { ApiTranscriptions, ApiUnderstand } from './transcription.api-docs';

/** OpenAI's transcription route and the full rich-transcript route, both multipart with the audio in `file`. */
@ApiTags('transcription')
@Controller('v1')
export class TranscriptionController {
  constructor(
    private readonly transcription: TranscriptionService,
    private readonly config: GatewayConfig,
  ) {}

  @Post('audio/transcriptions')
  @HttpCode(200)
  @RequireScope('transcribe')
  @Backpressure('transcribe')
  @ApiTranscriptions()
  async transcriptions(@Req() req: Request, @Res() res: Response): Promise<void> {
    const upload = await readMultipart(req, res, this.config.uploadLimits());
    const file = requireFile(upload);
    const opts = parseOpenAiOptions(upload.fields);
    const itn = parseItn(upload.fields);
    const transcript = await this.transcription.understand({
      signal: abortOnClose(res),
      body: file.buffer,
      contentType: file.mimetype,
      tasks: openAiTasks(opts),
      language: opts.language,
      itn,
    });
    send(res, renderOpenAi(transcript, opts));
  }

  @Post('understand')
  @HttpCode(200)
  @RequireScope('transcribe')
  @Backpressure('transcribe')
  @ApiUnderstand()
  async understand(@Req() req: Request, @Res() res: Response): Promise<void> {
    const upload = await readMultipart(req, res, this.config.uploadLimits());
    const file = requireFile(upload);
    const opts = parseUnderstandOptions(upload.fields);
    const transcript = await this.transcription.understand({
      signal: abortOnClose(res),
      body: file.buffer,
      contentType: file.mimetype,
      tasks: opts.tasks,
      language: opts.language,
      itn: opts.itn,
    });
    send(res, renderRich(transcript, opts.format));
  }
}

/** The client closing the connection before the answer stops the work done for it. */
function abortOnClose(res: Response): AbortSignal {
  const ctl = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished)
      ctl.abort(new EarshotError('AUDIO_TRUNCATED', 'The client closed the connection before the answer'));
  });
  return ctl.signal;
}

function send(res: Response, r: Rendered): void {
  res.status(200).type(r.contentType);
  if (typeof r.body === 'string') res.send(r.body);
  else res.json(r.body);
}
