// For specs only: not exported from the package index.
export * from './chunks';
export * from './decode-chunks';
export * from './encode-all';
