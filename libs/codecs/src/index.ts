export * from './codec';
export * from './protocol-error';
export * from './raw';
export * from './lines';
export * from './length-prefixed';
export * from './json-lines';
export * from './resp';
export * from './irc';
