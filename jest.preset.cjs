// Shared Jest settings. ts-jest compiles with the project's tsconfig.spec.json, which
// keeps experimentalDecorators and emitDecoratorMetadata on: tsyringe resolves
// constructor parameters from that metadata, so tests see what the build sees.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = (projectRoot) => ({
  testEnvironment: 'node',
  rootDir: projectRoot,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${__dirname}/` }),
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: `${projectRoot}/tsconfig.spec.json`, diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 20000,
});
