import { DataGoogleComputeZones } from '@cdktf/provider-google/lib/data-google-compute-zones';
import { Fn, Token } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';

/**
 * The zones the nodes run in: the spec's zone names, or else the first `zoneCount` zones of the
 * region, asked at deploy time. Always explicit, because GKE counts node pool sizes per zone: the
 * per-zone counts are only right when the pool spans exactly `zoneCount` zones (a regional
 * cluster left to itself picks three).
 */
export function nodeZones(scope: Construct, cluster: ResolvedCluster): string[] {
  if (cluster.zones.names) return [...cluster.zones.names];
  // No status filter: a zone that is briefly down must not shift the list and move node pools.
  const zones = new DataGoogleComputeZones(scope, 'Zones', { region: cluster.region });
  return Token.asList(Fn.slice(zones.names, 0, cluster.zones.count));
}
