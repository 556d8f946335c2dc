export * from './codec';
export * from './protocol-error';
export { viewOf } from './framing/byte-view';
export * from './raw';
export * from './lines';
export * from './length-prefixed';
export * from './json-lines';
export * from './resp';
export * from './irc';
