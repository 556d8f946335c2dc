import type { DependencyContainer } from 'tsyringe';
import type { CloseReason } from './close-reason';
import type { AnyConnection } from './connection';
import type { Handler } from './handler';
import {
  pluginMetadata,
  type OnConnect,
  type OnDisconnect,
  type OnServerStart,
  type OnServerStop,
  type PluginClass,
  type PluginMetadata,
} from './plugin';

interface LoadedPlugin {
  readonly type: PluginClass;
  readonly meta: PluginMetadata;
  instance?: object;
}

function has<K extends string>(instance: object | undefined, hook: K): instance is Record<K, (...args: never[]) => unknown> {
  return typeof (instance as Record<string, unknown> | undefined)?.[hook] === 'function';
}

/**
 * Registers a server's plugins on its root container and runs their hooks.
 * Declared dependencies are checked up front, Fastify-style: a plugin listed
 * before one it depends on, a missing dependency or two plugins claiming the
 * same route key fail when the server is built, not on the first message.
 */
export class PluginHost {
  private readonly plugins: LoadedPlugin[];

  constructor(
    types: readonly PluginClass[],
    private readonly root: DependencyContainer,
  ) {
    this.plugins = types.map((type) => ({ type, meta: pluginMetadata(type) }));
    this.validate();
  }

  /** Builds every plugin as a root singleton, in the declared order. */
  instantiate(): void {
    for (const plugin of this.plugins) {
      this.root.registerSingleton(plugin.type);
    }
    for (const plugin of this.plugins) {
      plugin.instance = this.root.resolve(plugin.type);
    }
  }

  /** route key → bound handler method */
  routes<In, Out>(): Map<string, Handler<In, Out>> {
    const table = new Map<string, Handler<In, Out>>();
    for (const plugin of this.plugins) {
      const instance = plugin.instance as Record<string, unknown>;
      for (const [key, method] of plugin.meta.routes) {
        const fn = instance[method];
        if (typeof fn !== 'function') throw new Error(`${plugin.meta.name}.${method} is not a method`);
        table.set(key, (fn as Handler<In, Out>).bind(instance));
      }
    }
    return table;
  }

  async start(): Promise<void> {
    for (const { instance } of this.plugins) {
      if (has<keyof OnServerStart>(instance, 'onServerStart')) await instance.onServerStart();
    }
  }

  async stop(): Promise<void> {
    for (const { instance } of [...this.plugins].reverse()) {
      if (has<keyof OnServerStop>(instance, 'onServerStop')) await instance.onServerStop();
    }
  }

  connected(connection: AnyConnection): void {
    for (const { instance } of this.plugins) {
      if (has<keyof OnConnect>(instance, 'onConnect')) instance.onConnect(connection as never);
    }
  }

  disconnected(connection: AnyConnection, reason: CloseReason): void {
    for (const { instance } of this.plugins) {
      if (has<keyof OnDisconnect>(instance, 'onDisconnect')) instance.onDisconnect(connection as never, reason as never);
    }
  }

  private validate(): void {
    const seen = new Set<PluginClass>();
    const owners = new Map<string, string>();
    for (const { type, meta } of this.plugins) {
      if (seen.has(type)) throw new Error(`plugin ${meta.name} is registered twice`);
      for (const dependency of meta.dependsOn) {
        if (!seen.has(dependency)) {
          const listed = this.plugins.some((p) => p.type === dependency);
          throw new Error(
            listed
              ? `plugin ${meta.name} depends on ${dependency.name}, which is listed after it: list ${dependency.name} first`
              : `plugin ${meta.name} depends on ${dependency.name}, which is not registered: add it to the server's plugins`,
          );
        }
      }
      for (const key of meta.routes.keys()) {
        const owner = owners.get(key);
        if (owner) throw new Error(`route '${key}' is claimed by both ${owner} and ${meta.name}`);
        owners.set(key, meta.name);
      }
      seen.add(type);
    }
  }
}
