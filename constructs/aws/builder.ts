import { APPLY_TIME } from '../apply-time-values';
import { ManagedAddon } from './eks-addon';
import type { CloudBuilder } from '../cloud-builder';
import { connectKubernetesStacks } from '../kube-providers';
import { buildClusterStack } from './cluster-stack';
import { installAwsCni } from './cni';
import { warnOnCniSwitch } from './cni-switch';
import { eksConnection } from './kube-access';
import { NodeGroups } from './node-groups';
import { buildPlatformStack } from './platform';
import { awsProvider } from './provider';
import { Account } from './account';

/**
 * EKS: cluster stack (network, control plane, identities), cni stack (self-installed CNI, before
 * any node exists), nodes stack (managed node groups, CoreDNS), platform stack (Cluster Autoscaler, load balancing,
 * ingress, ExternalDNS, cert-manager).
 */
export const builder: CloudBuilder = {
  cloud: 'aws',
  build(stacks, cluster) {
    for (const stack of [stacks.cluster, stacks.nodes]) awsProvider(stack, cluster);
    warnOnCniSwitch(stacks.cluster, cluster);
    const built = buildClusterStack(stacks.cluster, cluster);
    const eks = built.controlPlane.cluster;
    connectKubernetesStacks(stacks, () => eksConnection(cluster, eks));

    if (stacks.cni) installAwsCni(stacks.cni, cluster, built);

    const nodes = new NodeGroups(stacks.nodes, 'NodeGroups', {
      cluster,
      account: new Account(stacks.nodes, 'Account'),
      subnetIds: built.network.privateSubnets.map((s) => s.id),
    });
    // CoreDNS is a Deployment: it can only become healthy once nodes exist.
    new ManagedAddon(stacks.nodes, 'CoreDns', { clusterName: cluster.name, kubernetesVersion: cluster.kubernetesVersion, addonName: 'coredns', dependsOn: nodes.groups });

    if (stacks.platform) buildPlatformStack(stacks.platform, cluster, built);
    // The DNS01 ClusterIssuers name each hosted zone by id, which only the lookup knows.
    const zoneIds = built.certManager?.zoneIds ?? [];
    return { applyTimeValues: Object.fromEntries(zoneIds.map((id, i) => [APPLY_TIME.dns01ZoneId(i), id])) };
  },
};
