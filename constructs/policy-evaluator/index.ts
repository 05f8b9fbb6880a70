/**
 * The NetworkPolicy evaluator: which pod may reach which under the policies polycluster
 * generates, computed from the manifests alone (no cluster needed). Loads no provider binding.
 *
 * @module polycluster/policy-evaluator
 */
export * from './model';
export * from './selectors';
export * from './evaluate';
export * from './probe-addresses';
export * from './probes';
export * from './cert-manager-probes';
export * from './explain';
