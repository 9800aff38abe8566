import { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/dist/types';
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
    // @bull-board/express 9.10.1 declares its own nested copy of @bull-board/api's types (9.10.2 at the top);
    // the classes are the same at run time, only their declarations differ.
    serverAdapter: server as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'earshot queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, requireScope(app.get(ApiKeyAuth), 'admin'), server.getRouter());
  return true;
}
