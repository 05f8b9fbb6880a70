import { TerraformLocal, TerraformOutput } from 'cdktf';
import type { CloudBuilder, CloudLoaders, CloudModule } from '../../constructs';
import type { Cloud } from '../../constructs/spec';

/**
 * A test-only cloud builder: it writes what the resolved cluster says into the phase stacks as
 * outputs and locals, with a cross-stack reference from nodes to cluster, so that stack wiring,
 * backends and ordering can be synthesized and validated by terraform without any provider.
 */
export function fakeBuilder(cloud: Cloud, built: string[] = []): CloudBuilder {
  return {
    cloud,
    build(stacks, cluster) {
      built.push(cluster.name);
      new TerraformOutput(stacks.cluster, 'planned_subnets', { value: cluster.network.subnets });
      // A token from the cluster stack used in the nodes stack: cdktf wires it through remote state.
      const zones = new TerraformLocal(stacks.cluster, 'zone_count', cluster.zones.count);
      new TerraformOutput(stacks.nodes, 'zone_count', { value: zones.asNumber });
      new TerraformOutput(stacks.nodes, 'pools', { value: cluster.nodePools.map((p) => p.name) });
      return { applyTimeValues: {} };
    },
  };
}

/** Loaders that count their calls and hand out fake builders. */
export function countingLoaders(calls: Cloud[], built: string[] = []): CloudLoaders {
  const load = (cloud: Cloud) => async (): Promise<CloudModule> => {
    calls.push(cloud);
    return { builder: fakeBuilder(cloud, built) };
  };
  return { aws: load('aws'), gcp: load('gcp'), azure: load('azure') };
}
