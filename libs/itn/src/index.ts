export * from './core/grammar';
export * from './core/span-map';
export * from './core/itn.engine';
export * from './core/registry';
export * from './core/case-suite';
export * from './itn.service';
