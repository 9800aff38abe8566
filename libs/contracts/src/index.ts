export * from './errors/error-codes';
export * from './errors/earshot.error';
export * from './queues/queue-names';
export * from './queues/job-options';
export * from './jobs/audio-ref';
export * from './auth/api-key-scopes';
export * from './jobs/aed-jobs';
