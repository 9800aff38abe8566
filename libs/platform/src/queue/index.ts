export * from './queue-driver';
export * from './job-failure';
export * from './in-memory.driver';
export * from './bullmq.driver';
export * from './queue.module';
export * from './queue-processor';
