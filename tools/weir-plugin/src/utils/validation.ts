import { normalizePath } from '@nx/devkit';

/**
 * A generator's input was wrong. Thrown before anything is written, with a
 * message that says what to change.
 */
export class GeneratorInputError extends Error {
  override readonly name = 'GeneratorInputError';
}

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** `greeter`, `chat-bridge`: the name becomes a project, a folder, a file prefix and a class name. */
export function checkKebabCase(what: 'service' | 'plugin', value: unknown): string {
  if (typeof value !== 'string' || !KEBAB_CASE.test(value)) {
    const examples = what === 'service' ? `'greeter' or 'chat-bridge'` : `'hello' or 'rate-limit'`;
    throw new GeneratorInputError(
      `--name: '${String(value)}' is not a kebab-case ${what} name; use lower-case letters and digits, words joined by '-', starting with a letter (e.g. ${examples})`,
    );
  }
  return value;
}

// A route key goes into `@Handle('<key>')`; the set is what protocols use for
// command names, verbs and JSON types, and needs no escaping in a string literal.
const ROUTE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** `GET,SET` → ['GET', 'SET']; refuses empty, duplicate or oddly spelled keys. */
export function parseRoutes(value: string | readonly string[]): string[] {
  const given = (typeof value === 'string' ? value.split(',') : [...value]).map((route) => route.trim());
  if (given.length === 0 || given.every((route) => route === '')) {
    throw new GeneratorInputError(`--routes: give at least one route key, e.g. --routes=HELLO or --routes=GET,SET`);
  }
  for (const route of given) {
    if (!ROUTE_KEY.test(route)) {
      throw new GeneratorInputError(
        `--routes: '${route}' is not a route key; use letters, digits and _ . : - (starting with a letter or digit), separated by commas`,
      );
    }
  }
  const duplicate = given.find((route, index) => given.indexOf(route) !== index);
  if (duplicate !== undefined) throw new GeneratorInputError(`--routes: '${duplicate}' is listed twice`);
  return given;
}

export function checkPort(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new GeneratorInputError(`--port: expected a whole number from 1 to 65535, got '${String(value)}'`);
  }
  return value;
}

/**
 * A default port in 7100–7999 derived from the name (FNV-1a), so each new
 * service gets its own without a registry of ports, and the same name always
 * gets the same one.
 */
export function portForName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 7100 + (hash % 900);
}

/** A folder inside the workspace, as a clean relative path (`apps/greeter`). */
export function checkDirectory(value: string): string {
  const directory = normalizePath(value.trim()).replace(/^\.\//, '').replace(/\/+$/, '');
  const segments = directory.split('/');
  if (
    directory === '' ||
    directory.startsWith('/') ||
    /^[A-Za-z]:/.test(directory) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..') ||
    !/^[A-Za-z0-9._/-]+$/.test(directory)
  ) {
    throw new GeneratorInputError(
      `--directory: '${value}' must be a folder inside the workspace, written relative to its root without '..' (e.g. apps/greeter)`,
    );
  }
  return directory;
}
