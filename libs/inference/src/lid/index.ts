export * from './label-distribution';
export * from './language-policy';
export * from './script-hints';
export * from './script-merge';
export * from './segment-classifier';
export * from './segment-job';
export * from './segment-classifier.engine';
export * from './segment-classify.processor';
