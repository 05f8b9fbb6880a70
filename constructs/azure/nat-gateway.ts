import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';
import type { AksNetwork } from './network';
import { networkName } from './names';

/** Node egress: a NAT gateway with static public IPs on the node subnet. */
export interface AksEgress {
  /** The NAT gateway on the node subnet. */
  readonly natGateway: NatGateway;
  /** `egress.staticIpCount` addresses, in order; partners allowlist them. */
  readonly publicIps: readonly PublicIp[];
  /**
   * Everything that must exist before the cluster: AKS with `userAssignedNATGateway` checks
   * at creation that the node subnet already has a NAT gateway with addresses.
   */
  readonly ready: readonly (NatGatewayPublicIpAssociation | SubnetNatGatewayAssociation)[];
}

/**
 * One Standard NAT gateway (a subnet takes only one) with `egress.staticIpCount` static Standard
 * public IPs: one per zone for `per-zone`, one for `single`. The addresses are zone-redundant so
 * they survive a zone outage; the Standard NAT gateway itself runs in one zone Azure picks (the
 * zone-redundant StandardV2 SKU is in preview). IP construct ids are numbered by position:
 * lowering the count removes the last addresses, never renumbers the others.
 */
export function createEgress(stack: TerraformStack, cluster: ResolvedCluster, network: AksNetwork): AksEgress {
  const common = { resourceGroupName: network.resourceGroup.name, location: network.resourceGroup.location, tags: { ...cluster.tags } };
  const natGateway = new NatGateway(stack, 'NatGateway', {
    ...common,
    name: networkName(cluster, '-nat'),
    skuName: 'Standard',
    idleTimeoutInMinutes: 4,
  });
  const publicIps: PublicIp[] = [];
  const ready: (NatGatewayPublicIpAssociation | SubnetNatGatewayAssociation)[] = [];
  for (let i = 1; i <= cluster.egress.staticIpCount; i++) {
    const ip = new PublicIp(stack, `EgressIp${i}`, {
      ...common,
      name: networkName(cluster, `-egress-${i}`),
      sku: 'Standard',
      allocationMethod: 'Static',
      ipVersion: 'IPv4',
      zones: [...(cluster.zones.names ?? [])],
    });
    publicIps.push(ip);
    ready.push(new NatGatewayPublicIpAssociation(stack, `EgressIp${i}Nat`, { natGatewayId: natGateway.id, publicIpAddressId: ip.id }));
  }
  ready.push(new SubnetNatGatewayAssociation(stack, 'NodeSubnetNat', { subnetId: network.nodeSubnet.id, natGatewayId: natGateway.id }));
  return { natGateway, publicIps, ready };
}
