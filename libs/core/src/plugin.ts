import { injectable } from 'tsyringe';
import type { AnyConnection } from './connection';
import type { CloseReason } from './close-reason';

/** A plugin class: tsyringe builds it, with its constructor's dependencies injected. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PluginClass = new (...args: any[]) => object;

export interface PluginOptions {
  /** Shown in errors and logs; the class name by default. */
  readonly name?: string;
  /** Plugins that must be registered before this one (checked when the server is built). */
  readonly dependsOn?: readonly PluginClass[];
}

export interface PluginMetadata {
  readonly name: string;
  readonly dependsOn: readonly PluginClass[];
  /** route key → method name */
  readonly routes: ReadonlyMap<string, string>;
}

/** Lifecycle hooks a plugin may implement; each may return a Promise. */
export interface OnServerStart {
  onServerStart(): void | Promise<void>;
}
export interface OnServerStop {
  onServerStop(): void | Promise<void>;
}
export interface OnConnect {
  onConnect(connection: AnyConnection): void;
}
export interface OnDisconnect {
  onDisconnect(connection: AnyConnection, reason: CloseReason): void;
}

const options = new WeakMap<PluginClass, PluginOptions>();
const routes = new WeakMap<PluginClass, Map<string, string>>();

/**
 * Marks a class as a Weir plugin and makes it injectable.
 *
 * ```ts
 * @Plugin({ dependsOn: [Auth] })
 * class Strings { @Handle('GET') get(cmd: RespCommand) {...} }
 * ```
 */
export function Plugin(pluginOptions: PluginOptions = {}): ClassDecorator {
  return (target) => {
    options.set(target as unknown as PluginClass, pluginOptions);
    injectable()(target as unknown as PluginClass);
  };
}

/** Routes one or more message keys (a RESP command, an IRC verb, a JSON `type`) to the decorated method. */
export function Handle(...keys: string[]): MethodDecorator {
  return (prototype, methodName) => {
    const owner = prototype.constructor as PluginClass;
    const table = routes.get(owner) ?? new Map<string, string>();
    for (const key of keys) table.set(key, String(methodName));
    routes.set(owner, table);
  };
}

export function pluginMetadata(plugin: PluginClass): PluginMetadata {
  const declared = options.get(plugin);
  if (!declared) {
    throw new Error(`${plugin.name} is not a plugin: decorate it with @Plugin() from @weir/core`);
  }
  return {
    name: declared.name ?? plugin.name,
    dependsOn: declared.dependsOn ?? [],
    routes: routes.get(plugin) ?? new Map(),
  };
}
