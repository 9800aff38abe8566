export * from './core/grammar';
