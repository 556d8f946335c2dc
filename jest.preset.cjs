// Shared Jest settings. ts-jest compiles with the project's tsconfig.spec.json, which
// keeps experimentalDecorators and emitDecoratorMetadata on: tsyringe resolves
// constructor parameters from that metadata, so tests see what the build sees.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

// nx.json has Jest write each project's results to reports/jest/, and Jest does not create the folder.
require('node:fs').mkdirSync(`${__dirname}/reports/jest`, { recursive: true });

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
