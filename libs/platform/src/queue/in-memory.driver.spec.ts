import { InMemoryQueueDriver } from './in-memory.driver';
import { queueDriverContract } from './testing/queue-driver.contract';

queueDriverContract('in-memory', () => new InMemoryQueueDriver());
