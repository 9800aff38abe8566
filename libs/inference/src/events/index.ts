export * from './event-timeline';
export * from './frame-track';
export * from './event-detector';
export * from './cry-detector';
export * from './frame-score';
