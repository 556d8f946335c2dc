export * from './captured-log';
export * from './memory';
export * from './until';
export * from './plain-socket';
