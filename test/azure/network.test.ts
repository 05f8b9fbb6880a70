import { beforeAll, describe, expect, it } from 'vitest';
import { onlyResource, resourcesOf, type StackJson, type SynthesizedCluster } from '../support/synth';
import { aksOf, ref, resource, synthAks } from './aks';

describe('AKS network (defaults: three zones, per-zone egress)', () => {
  let synth: SynthesizedCluster;
  let stack: StackJson;
  beforeAll(async () => {
    synth = await synthAks();
    stack = synth.stacks.cluster!;
  });

  it('creates the resource group and the VNet from the resolved spec', () => {
    expect(resource(stack, 'azurerm_resource_group', 'ResourceGroup')).toMatchObject({ name: 'aks-test-rg', location: 'westeurope' });
    expect(resource(stack, 'azurerm_virtual_network', 'VirtualNetwork')).toMatchObject({
      name: 'aks-test-vnet',
      address_space: ['10.0.0.0/16'],
      resource_group_name: ref('azurerm_resource_group', 'ResourceGroup', 'name'),
    });
  });

  it('plans the node subnet and the API server subnet, delegated to AKS, without default outbound access', () => {
    const { subnets } = synth.cluster.resolved.network;
    const nodes = resource(stack, 'azurerm_subnet', 'NodeSubnet');
    const apiServer = resource(stack, 'azurerm_subnet', 'ApiServerSubnet');
    expect(nodes.address_prefixes).toEqual([subnets.nodes]);
    expect(apiServer.address_prefixes).toEqual([subnets.apiServer]);
    expect([nodes.address_prefixes, apiServer.address_prefixes]).toEqual([['10.0.0.0/20'], ['10.0.16.0/28']]);
    expect(nodes.delegation).toBeUndefined();
    expect(apiServer.delegation).toEqual([
      { name: 'aks-api-server', service_delegation: { name: 'Microsoft.ContainerService/managedClusters', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] } },
    ]);
    expect(nodes.default_outbound_access_enabled).toBe(false);
    expect(apiServer.default_outbound_access_enabled).toBe(false);
    // Only the two subnets the cell needs: pods live in the overlay range.
    expect(Object.keys(resourcesOf(stack, 'azurerm_subnet')).sort()).toEqual(['ApiServerSubnet', 'NodeSubnet']);
  });

  it('puts the nodes in the node subnet and the API server in its subnet', () => {
    const aks = aksOf(stack);
    expect(aks.default_node_pool.vnet_subnet_id).toBe(ref('azurerm_subnet', 'NodeSubnet', 'id'));
    expect(aks.api_server_access_profile.subnet_id).toBe(ref('azurerm_subnet', 'ApiServerSubnet', 'id'));
  });

  it('associates a network security group with each subnet before the cluster exists', () => {
    expect(resourcesOf(stack, 'azurerm_subnet_network_security_group_association')).toEqual({
      NodeSubnetSecurityGroup: expect.objectContaining({
        subnet_id: ref('azurerm_subnet', 'NodeSubnet', 'id'),
        network_security_group_id: ref('azurerm_network_security_group', 'NodeSecurityGroup', 'id'),
      }),
      ApiServerSubnetSecurityGroup: expect.objectContaining({
        subnet_id: ref('azurerm_subnet', 'ApiServerSubnet', 'id'),
        network_security_group_id: ref('azurerm_network_security_group', 'ApiServerSecurityGroup', 'id'),
      }),
    });
    expect(aksOf(stack).depends_on).toEqual(
      expect.arrayContaining([
        'azurerm_subnet_network_security_group_association.NodeSubnetSecurityGroup',
        'azurerm_subnet_network_security_group_association.ApiServerSubnetSecurityGroup',
      ]),
    );
  });

  it('reserves staticIpCount zone-redundant Standard static IPs on one NAT gateway', () => {
    expect(synth.cluster.resolved.egress.staticIpCount).toBe(3);
    const ips = resourcesOf(stack, 'azurerm_public_ip');
    expect(Object.keys(ips)).toEqual(['EgressIp1', 'EgressIp2', 'EgressIp3']);
    for (const ip of Object.values(ips)) expect(ip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    expect(onlyResource(stack, 'azurerm_nat_gateway')).toMatchObject({ sku_name: 'Standard', name: 'aks-test-nat' });
    const associations = Object.values(resourcesOf(stack, 'azurerm_nat_gateway_public_ip_association'));
    expect(associations.map((a) => a.public_ip_address_id)).toEqual(['EgressIp1', 'EgressIp2', 'EgressIp3'].map((id) => ref('azurerm_public_ip', id, 'id')));
    for (const a of associations) expect(a.nat_gateway_id).toBe(ref('azurerm_nat_gateway', 'NatGateway', 'id'));
  });

  it('attaches the NAT gateway to the node subnet before the cluster is created, and egresses through it', () => {
    expect(onlyResource(stack, 'azurerm_subnet_nat_gateway_association')).toMatchObject({
      subnet_id: ref('azurerm_subnet', 'NodeSubnet', 'id'),
      nat_gateway_id: ref('azurerm_nat_gateway', 'NatGateway', 'id'),
    });
    const aks = aksOf(stack);
    expect(aks.depends_on).toEqual(
      expect.arrayContaining([
        'azurerm_subnet_nat_gateway_association.NodeSubnetNat',
        'azurerm_nat_gateway_public_ip_association.EgressIp1Nat',
        'azurerm_nat_gateway_public_ip_association.EgressIp3Nat',
      ]),
    );
    expect(aks.network_profile.outbound_type).toBe('userAssignedNATGateway');
    expect(aks.network_profile.load_balancer_sku).toBe('standard');
  });

  it('gives the control-plane identity Network Contributor on both subnets before the cluster is created', () => {
    const grants = Object.entries(resourcesOf(stack, 'azurerm_role_assignment')).filter(([, r]) => r.role_definition_name === 'Network Contributor');
    expect(Object.fromEntries(grants.map(([id, r]) => [id, r.scope]))).toEqual({
      ControlPlaneNodeSubnetNetworkContributor: ref('azurerm_subnet', 'NodeSubnet', 'id'),
      ControlPlaneApiServerSubnetNetworkContributor: ref('azurerm_subnet', 'ApiServerSubnet', 'id'),
    });
    for (const [, r] of grants) expect(r.principal_id).toBe(ref('azurerm_user_assigned_identity', 'ControlPlaneIdentity', 'principal_id'));
    expect(aksOf(stack).depends_on).toEqual(
      expect.arrayContaining([
        'azurerm_role_assignment.ControlPlaneNodeSubnetNetworkContributor',
        'azurerm_role_assignment.ControlPlaneApiServerSubnetNetworkContributor',
      ]),
    );
  });

  it('opens no inbound rule for an internal ingress', () => {
    expect(resourcesOf(stack, 'azurerm_network_security_rule')).toEqual({});
  });
});

describe('AKS network choices from the spec', () => {
  it('reserves one egress address for egress.nat single, in the zones of the spec', async () => {
    const { stacks, cluster } = await synthAks({ egress: { nat: 'single' }, zones: ['1', '2'] });
    expect(cluster.resolved.egress.staticIpCount).toBe(1);
    expect(Object.keys(resourcesOf(stacks.cluster, 'azurerm_public_ip'))).toEqual(['EgressIp1']);
    expect(resource(stacks.cluster, 'azurerm_public_ip', 'EgressIp1').zones).toEqual(['1', '2']);
    expect(aksOf(stacks.cluster).default_node_pool.zones).toEqual(['1', '2']);
  });

  it('uses the spec VNet range, subnet sizes and resource group', async () => {
    const { stacks } = await synthAks({
      network: { vpcCidr: '10.40.0.0/16', subnets: { nodePrefix: 22, apiServerPrefix: 27 } },
      azure: { resourceGroupName: 'rg-platform-aks' },
    });
    expect(resource(stacks.cluster, 'azurerm_resource_group', 'ResourceGroup').name).toBe('rg-platform-aks');
    expect(resource(stacks.cluster, 'azurerm_virtual_network', 'VirtualNetwork').address_space).toEqual(['10.40.0.0/16']);
    expect(resource(stacks.cluster, 'azurerm_subnet', 'NodeSubnet').address_prefixes).toEqual(['10.40.0.0/22']);
    expect(resource(stacks.cluster, 'azurerm_subnet', 'ApiServerSubnet').address_prefixes).toEqual(['10.40.4.0/27']);
  });

  it('opens HTTP and HTTPS from the internet to the ingress address for an internet-facing ingress only', async () => {
    const { stacks } = await synthAks({ ingress: { exposure: 'internet-facing' } });
    // Floating IP: packets reach the nodes addressed to the frontend, never to the node subnet.
    expect(resource(stacks.cluster, 'azurerm_network_security_rule', 'NodeInternetIngress')).toMatchObject({
      network_security_group_name: ref('azurerm_network_security_group', 'NodeSecurityGroup', 'name'),
      direction: 'Inbound',
      access: 'Allow',
      source_address_prefix: 'Internet',
      destination_address_prefix: ref('azurerm_public_ip', 'IngressIp', 'ip_address'),
      destination_port_ranges: ['80', '443'],
    });
  });
});
