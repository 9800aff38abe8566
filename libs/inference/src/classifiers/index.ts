export * from './classifier-manifest';
export * from './classifier.model';
export * from './windowing';
export * from './windowed-classifier';
export * from './classify-tasks';
