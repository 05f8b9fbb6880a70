export * from './model';
export * from './selectors';
export * from './evaluate';
export * from './probe-addresses';
export * from './probes';
export * from './cert-manager-probes';
export * from './explain';
