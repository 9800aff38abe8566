export * from './emotion-policy';
