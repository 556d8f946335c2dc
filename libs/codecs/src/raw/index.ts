export * from './raw-codec';
