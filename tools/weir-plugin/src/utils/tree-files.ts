import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { joinPathFragments, type Tree } from '@nx/devkit';
import { GeneratorInputError } from './validation';

/** A project's TypeScript sources under `folder`, specs excluded, sorted for stable messages. */
export function sourceFiles(tree: Tree, folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const file = joinPathFragments(dir, child);
      if (tree.isFile(file)) {
        if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts')) found.push(file);
      } else if (child !== 'node_modules') {
        walk(file);
      }
    }
  };
  walk(folder);
  return found.sort();
}

/**
 * The paths generateFiles will write for a template folder, computed the same
 * way (`__key__` substituted, `.template` dropped), so they can be checked
 * before anything is written.
 */
export function plannedFiles(templates: string, target: string, substitutions: Readonly<Record<string, unknown>>): string[] {
  const planned: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      let relative = path.relative(templates, full).split(path.sep).join('/');
      if (relative.endsWith('.template')) relative = relative.slice(0, -'.template'.length);
      for (const [key, value] of Object.entries(substitutions)) relative = relative.split(`__${key}__`).join(String(value));
      planned.push(joinPathFragments(target, relative));
    }
  };
  walk(templates);
  return planned;
}

/** Throws with every path that already exists, so one run reports them all. */
export function refuseToOverwrite(tree: Tree, files: readonly string[], hint: string): void {
  const existing = files.filter((file) => tree.exists(file));
  if (existing.length > 0) {
    throw new GeneratorInputError(`refusing to overwrite ${existing.join(', ')}: ${hint}`);
  }
}
