// Nothing here loads prom-client at runtime (types only): apps that never
// serve metrics do not pay for it. ServiceMetrics.create() loads it on demand.
export * from './metrics-middleware';
export * from './route-meter';
export * from './scraped-metric';
export * from './serve-metrics';
export * from './server-metrics';
export * from './service-metrics';
