export * from './json-lines-codec';
