import type { DependencyContainer, InjectionToken, RegistrationOptions } from 'tsyringe';
// Not re-exported from tsyringe's entry point; types only, gone at run time.
import type {
  PostResolutionInterceptorCallback,
  PreResolutionInterceptorCallback,
} from 'tsyringe/dist/typings/types/dependency-container';
import type InterceptorOptions from 'tsyringe/dist/typings/types/interceptor-options';
import { Connection, type AnyConnection, type ContainerSource } from './connection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Class<T> = new (...args: any[]) => T;

const DISPOSED = 'This container has been disposed, you cannot interact with a disposed container';

/**
 * Makes each connection's container, on its first use, and counts those not yet
 * disposed. One per server; `types` are its connection-scoped classes.
 */
export class ConnectionScopes implements ContainerSource {
  /** Containers made and not yet disposed. */
  live = 0;

  constructor(
    readonly root: DependencyContainer,
    readonly types: readonly Class<unknown>[],
  ) {}

  containerFor(connection: AnyConnection): DependencyContainer {
    this.live++;
    return new ConnectionContainer(this, connection);
  }

  released(): void {
    this.live--;
  }
}

/**
 * A connection's container. A tsyringe child container holds four Maps, a Set
 * and an empty array for every token ever resolved through it: about 1.5 KiB a
 * connection, kept for the connection's life, when almost every connection only
 * ever resolves itself and its connection-scoped services. Those are kept here,
 * in one array; a real child container is made only for the rest of the API
 * (registering, interceptors, resolving an unregistered class), and from then on
 * answers everything, with the instances already made registered in it.
 */
export class ConnectionContainer implements DependencyContainer {
  /**
   * Connection-scoped classes and their instances, `[type, instance, ...]`, in
   * the order they were made (tsyringe's disposal order): one small array.
   */
  private made: unknown[] | undefined;
  private child: DependencyContainer | undefined;
  private disposed = false;

  constructor(
    private readonly scopes: ConnectionScopes,
    private readonly connection: AnyConnection,
  ) {}

  resolve<T>(token: InjectionToken<T>): T {
    if (this.child !== undefined) return this.child.resolve(token);
    if (this.disposed) throw new Error(DISPOSED);
    if (token === Connection) return this.connection as T;
    const made = this.made;
    if (made !== undefined) {
      for (let i = 0; i < made.length; i += 2) if (made[i] === token) return made[i + 1] as T;
    }
    if (this.scopes.types.includes(token as Class<unknown>)) return this.make(token as Class<T>);
    // The root's own registrations (every shared service and plugin) are built on
    // the root at start; only an unregistered class is built in the connection's scope.
    if (this.scopes.root.isRegistered(token, true)) return this.scopes.root.resolve(token);
    return this.materialize().resolve(token);
  }

  resolveAll<T>(token: InjectionToken<T>): T[] {
    return this.materialize().resolveAll(token);
  }

  isRegistered<T>(token: InjectionToken<T>, recursive = false): boolean {
    if (this.child !== undefined) return this.child.isRegistered(token, recursive);
    if (this.disposed) throw new Error(DISPOSED);
    if (token === Connection || this.scopes.types.includes(token as Class<unknown>)) return true;
    return recursive && this.scopes.root.isRegistered(token, true);
  }

  register<T>(token: InjectionToken<T>, provider: never, options?: RegistrationOptions): DependencyContainer {
    (this.materialize().register as (t: InjectionToken<T>, p: never, o?: RegistrationOptions) => unknown)(token, provider, options);
    return this;
  }

  registerSingleton<T>(from: InjectionToken<T>, to?: InjectionToken<T>): DependencyContainer {
    (this.materialize().registerSingleton as (f: InjectionToken<T>, t?: InjectionToken<T>) => unknown)(from, to);
    return this;
  }

  registerType<T>(from: InjectionToken<T>, to: InjectionToken<T>): DependencyContainer {
    this.materialize().registerType(from, to);
    return this;
  }

  registerInstance<T>(token: InjectionToken<T>, instance: T): DependencyContainer {
    this.materialize().registerInstance(token, instance);
    return this;
  }

  reset(): void {
    this.materialize().reset();
  }

  clearInstances(): void {
    this.materialize().clearInstances();
  }

  createChildContainer(): DependencyContainer {
    return this.materialize().createChildContainer();
  }

  beforeResolution<T>(token: InjectionToken<T>, callback: PreResolutionInterceptorCallback<T>, options?: InterceptorOptions): void {
    this.materialize().beforeResolution(token, callback, options);
  }

  afterResolution<T>(token: InjectionToken<T>, callback: PostResolutionInterceptorCallback<T>, options?: InterceptorOptions): void {
    this.materialize().afterResolution(token, callback, options);
  }

  /** Disposes what was made here, as tsyringe does: in the order it was made, then the child's own. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const pending: unknown[] = [];
    const made = this.made ?? [];
    for (let i = 1; i < made.length; i += 2) {
      const instance = made[i];
      const dispose = (instance as { dispose?: unknown } | null)?.dispose;
      if (typeof dispose === 'function') pending.push(dispose.call(instance));
    }
    if (this.child !== undefined) pending.push(this.child.dispose());
    await Promise.all(pending);
  }

  /**
   * Builds one connection-scoped class through a throwaway child container, so
   * tsyringe injects its constructor as usual (the connection, the root's
   * services, and this connection's other scoped instances), and nothing of that
   * child outlives the build.
   */
  private make<T>(type: Class<T>): T {
    const scratch = this.scopes.root.createChildContainer();
    scratch.registerInstance(Connection, this.connection);
    for (const other of this.scopes.types) {
      if (other !== type) scratch.register(other, { useFactory: () => this.resolve(other) });
    }
    const instance = scratch.resolve(type);
    (this.made ??= []).push(type, instance);
    return instance;
  }

  private materialize(): DependencyContainer {
    if (this.child !== undefined) return this.child;
    if (this.disposed) throw new Error(DISPOSED);
    const child = this.scopes.root.createChildContainer();
    child.registerInstance(Connection, this.connection);
    const made = this.made ?? [];
    for (const type of this.scopes.types) {
      const at = made.indexOf(type);
      if (at !== -1) child.registerInstance(type, made[at + 1]);
      else child.registerSingleton(type);
    }
    this.child = child;
    return child;
  }
}
