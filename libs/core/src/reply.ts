import { isObservable, type Observable } from 'rxjs';

/**
 * What a handler may give back: nothing, one reply, a Promise of one, or an
 * Observable of any number of replies. A plain value stays synchronous all the
 * way to the socket; no Promise or Observable is made for it.
 */
export type Reply<Out> = Out | void | PromiseLike<Out | void> | Observable<Out>;

export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<T>).then === 'function';
}

export { isObservable };
