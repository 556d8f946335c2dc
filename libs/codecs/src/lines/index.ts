export * from './lines-codec';
