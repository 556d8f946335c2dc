import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The workspace root (the folder with nx.json), found from this file, so the
 * bench finds the built apps whether it runs from dist/ or from sources, and
 * whatever the current directory.
 */
export function workspaceRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Where the built programs the bench starts live, relative to the workspace root. */
export const BUILT = {
  echoMain: join('dist', 'apps', 'echo', 'main.js'),
  benchMain: join('dist', 'tools', 'bench', 'main.js'),
} as const;
