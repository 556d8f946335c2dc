export * from './common-flags';
export * from './flags';
export * from './logger';
export * from './run-service';
