import { BullMqQueueDriver } from '@earshot/platform';
import { queueDriverContract } from '../libs/platform/src/queue/testing/queue-driver.contract';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// The same contract as the in-memory driver, on a real Redis.
queueDriverContract('BullMQ', () => new BullMqQueueDriver({ redisUrl }));
