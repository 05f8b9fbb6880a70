export * from './model';
export * from './selectors';
export * from './evaluate';
