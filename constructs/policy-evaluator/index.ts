export * from './model';
export * from './selectors';
export * from './evaluate';
export * from './probes';
export * from './explain';
