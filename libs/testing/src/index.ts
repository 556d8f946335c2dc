export * from './embedded';
export * from './start-service';
export * from './test-client';
export * from './faults';
