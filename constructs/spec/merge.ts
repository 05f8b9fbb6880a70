import type { ClusterSpec, Cloud, SpecDefaults } from './types';
import { CLOUDS } from './types';

/**
 * Organisation defaults under a cluster spec. The rules, in order:
 * 1. A value in the cluster spec wins; `undefined` counts as not written.
 * 2. Plain objects merge key by key, recursively (tags, labels, network, ...).
 * 3. Objects with a discriminant (`stateBackend.kind`, `cni.kind`, `access.deployer.network.from`)
 *    merge only when both sides name the same member; otherwise the cluster's object replaces
 *    the default whole, so no field of another member leaks in.
 * 4. Lists of named items (`nodePools`, `namespaces`) merge by `name`: default items first, a
 *    cluster item with the same name merges over its default item, new items follow in order.
 * 5. `access.admins` and, inside a namespace that both declare, `allow` and `egress` are the
 *    union of both lists (organisation items first, equal items once): a cluster adds admins and
 *    allowances to the organisation's, and cannot drop them by redeclaring the namespace.
 * 6. Any other list is replaced by the cluster's list (zones, DNS zones, taints, CIDR lists, ...).
 * 7. Per-cloud blocks (`aws`, `gcp`, `azure`) of the defaults apply only to clusters on that cloud.
 */
export function mergeSpecs(defaults: SpecDefaults | undefined, cluster: ClusterSpec): ClusterSpec {
  if (defaults === undefined) return cluster;
  const cloud = (cluster.cloud ?? defaults.cloud) as Cloud | undefined;
  const base: Record<string, unknown> = { ...defaults };
  for (const other of CLOUDS) if (other !== cloud) delete base[other];
  return mergeValue(base, cluster, '') as ClusterSpec;
}

const DISCRIMINANTS: Readonly<Record<string, string>> = {
  stateBackend: 'kind',
  cni: 'kind',
  'access.deployer.network': 'from',
};

const NAMED_LISTS = new Set(['nodePools', 'namespaces']);
const UNION_LISTS = new Set(['access.admins', 'namespaces[].allow', 'namespaces[].egress']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (base === undefined) return over;
  if (Array.isArray(base) && Array.isArray(over)) {
    if (NAMED_LISTS.has(path)) return mergeNamed(base, over, path);
    if (UNION_LISTS.has(path)) return union(base, over);
    return over;
  }
  if (isPlainObject(base) && isPlainObject(over)) {
    const discriminant = DISCRIMINANTS[path];
    if (discriminant !== undefined && base[discriminant] !== undefined && over[discriminant] !== undefined && base[discriminant] !== over[discriminant]) {
      return over;
    }
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
      const value = mergeValue(base[key], over[key], path === '' ? key : `${path}.${key}`);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  return over;
}

/** Both lists, base items first, items equal as JSON once. */
function union(base: unknown[], over: unknown[]): unknown[] {
  const seen = new Set<string>();
  return [...base, ...over].filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mergeNamed(base: unknown[], over: unknown[], path: string): unknown[] {
  const nameOf = (item: unknown): unknown => (isPlainObject(item) ? item.name : undefined);
  const merged = base.map((item) => {
    const match = over.find((o) => nameOf(o) !== undefined && nameOf(o) === nameOf(item));
    return match === undefined ? item : mergeValue(item, match, `${path}[]`);
  });
  for (const item of over) {
    if (!base.some((b) => nameOf(b) !== undefined && nameOf(b) === nameOf(item))) merged.push(item);
  }
  return merged;
}
