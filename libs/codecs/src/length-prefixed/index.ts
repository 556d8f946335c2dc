export * from './length-prefixed-codec';
