import { parseArgs } from 'node:util';

export interface FlagSpec {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description: string;
  readonly default?: string | number | boolean;
  /** Metavariable in --help, e.g. `N` or `PATH`. */
  readonly value?: string;
  /** Returns an error text for a bad value (the user sees it with what to do). */
  readonly validate?: (value: never) => string | undefined;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type ValueOf<S extends FlagSpec> = S['type'] extends 'number' ? number : S['type'] extends 'boolean' ? boolean : string;
type CamelCase<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S;

/** Parsed flags, keyed in camelCase (`--max-connections` → `maxConnections`). */
export type FlagValues<F extends FlagSpecs> = {
  -readonly [K in keyof F & string as CamelCase<K>]: F[K] extends { default: unknown } ? ValueOf<F[K]> : ValueOf<F[K]> | undefined;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `--max-connections` for app `kv` reads `WEIR_KV_MAX_CONNECTIONS` when the flag is absent. */
export function envName(app: string, flag: string): string {
  return `WEIR_${app}_${flag}`.toUpperCase().replace(/-/g, '_');
}

/** Parses argv, then the environment, then defaults; throws ConfigError with an actionable message. */
export function parseFlags<F extends FlagSpecs>(
  app: string,
  specs: F,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): FlagValues<F> & { help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const [flag, spec] of Object.entries(specs)) options[flag] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run with --help to see the flags.`);
  }
  const values: Record<string, unknown> = { help: parsed.values['help'] === true };
  for (const [flag, spec] of Object.entries(specs)) {
    const given = parsed.values[flag] ?? env[envName(app, flag)];
    values[camel(flag)] = given === undefined ? spec.default : convert(flag, spec, given);
    const value = values[camel(flag)];
    if (value !== undefined && spec.validate) {
      const problem = spec.validate(value as never);
      if (problem) throw new ConfigError(`--${flag}: ${problem}`);
    }
  }
  return values as FlagValues<F> & { help: boolean };
}

function convert(flag: string, spec: FlagSpec, given: string | boolean): string | number | boolean {
  if (spec.type === 'boolean') {
    if (typeof given === 'boolean') return given;
    if (/^(1|true|yes|on)$/i.test(given)) return true;
    if (/^(0|false|no|off|)$/i.test(given)) return false;
    throw new ConfigError(`--${flag}: expected true or false, got '${given}'`);
  }
  if (spec.type === 'number') {
    const number = Number(given);
    if (given === '' || !Number.isFinite(number)) {
      throw new ConfigError(`--${flag}: expected a number, got '${String(given)}'`);
    }
    return number;
  }
  return String(given);
}

/** The --help text: usage, then one line per flag with its default and environment variable. */
export function helpText(app: string, summary: string, specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([flag, spec]) => {
    const left = `  --${flag}${spec.type === 'boolean' ? '' : ` <${spec.value ?? (spec.type === 'number' ? 'N' : 'VALUE')}>`}`;
    const dflt = spec.default === undefined || spec.default === '' ? '' : ` (default: ${String(spec.default)})`;
    return `${left.padEnd(30)} ${spec.description}${dflt}  [${envName(app, flag)}]`;
  });
  return [
    `${app}: ${summary}`,
    '',
    `Usage: npm run ${app} -- [flags]`,
    `       node dist/apps/${app}/main.js [flags]`,
    '',
    'Flags (each may also be set by the environment variable in brackets):',
    ...rows,
    `  --help${' '.repeat(24)} Show this help and exit`,
    '',
  ].join('\n');
}
