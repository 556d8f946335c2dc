import type { InjectionToken } from 'tsyringe';
import type { Logger } from 'pino';

/** The server's pino logger, registered on every server's root container. */
export const LOGGER: InjectionToken<Logger> = Symbol('weir.logger');
/** Milliseconds since the epoch; tests may register a controllable clock instead. */
export interface Clock {
  now(): number;
}
export const CLOCK: InjectionToken<Clock> = Symbol('weir.clock');
export const systemClock: Clock = { now: () => Date.now() };
