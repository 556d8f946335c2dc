import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// One config for the workspace. Module boundaries keep dependencies pointing one way:
// apps -> core -> codecs, testing -> core, and nothing in libs imports an app.
export default tseslint.config(
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/reports', '**/files/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'layer:codecs', onlyDependOnLibsWithTags: ['layer:codecs'] },
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:codecs'] },
            { sourceTag: 'layer:testing', onlyDependOnLibsWithTags: ['layer:core', 'layer:codecs'] },
            { sourceTag: 'layer:app', onlyDependOnLibsWithTags: ['layer:core', 'layer:codecs', 'layer:testing'] },
            { sourceTag: 'layer:tool', onlyDependOnLibsWithTags: ['layer:core', 'layer:codecs', 'layer:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Node 20 defines the global Buffer as a getter: every use of it in a hot
    // path ran that getter through an unoptimised global lookup. Runtime code
    // imports it from node:buffer instead.
    files: ['libs/codecs/src/**/*.ts', 'libs/core/src/**/*.ts', 'apps/{echo,chat,kv}/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Buffer', message: "Import it: import { Buffer } from 'node:buffer'." }],
    },
  },
  {
    // Specs, examples and command-line tools talk to a person on purpose.
    files: ['**/*.spec.ts', 'examples/**/*.ts', 'tools/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
