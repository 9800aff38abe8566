import { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullMqQueueDriver, QueueDriver } from '@earshot/platform';
import { ApiKeyAuth } from '../auth/api-key-auth.service';
import { requireScope } from '../auth/require-scope.middleware';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board at /admin/queues behind the `admin` scope, listing the given queues. Only BullMQ has
 * a dashboard: the in-memory driver (embedded mode) keeps no state another process could show, so it mounts
 * nothing and the path answers 404. Returns whether it mounted.
 */
export function mountQueueDashboard(app: INestApplication, driver: QueueDriver, queues: readonly string[]): boolean {
  if (!(driver instanceof BullMqQueueDriver)) return false;
  const server = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((name) => new BullMQAdapter(driver.bullQueue(name))),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'earshot queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, requireScope(app.get(ApiKeyAuth), 'admin'), server.getRouter());
  return true;
}
