import { InMemoryQueueDriver, loadConfig, MemoryBytesStore } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import type { TranscribeProcessor } from './transcribe.processor';
import type { WebhookService } from '../webhooks/webhook.service';
import { JobsService, SubmitRequest } from './jobs.service';

describe('JobsService.submit', () => {
  it('answers identical uploads arriving together with one job, created once', async () => {
    const queue = new InMemoryQueueDriver();
    const jobs = new JobsService(
      loadConfig(GatewayConfig, {}),
      queue,
      new MemoryBytesStore(),
      { check: async () => undefined } as unknown as WebhookService,
      {} as TranscribeProcessor,
    );
    const req: SubmitRequest = { bytes: Buffer.from('RIFF same clip'), language: 'auto', itn: true, tasks: ['asr'], owner: 'k' };
    try {
      const all = await Promise.all(Array.from({ length: 8 }, () => jobs.submit(req)));
      expect(new Set(all.map((r) => r.view.id)).size).toBe(1);
      expect(all.filter((r) => r.created)).toHaveLength(1);
      // and once it exists, a later identical upload is answered with it too
      expect((await jobs.submit(req)).created).toBe(false);
    } finally {
      await queue.close();
    }
  });
});
