import { beforeAll, describe, expect, it } from 'vitest';
import { releaseValues } from '../aws/helpers';
import { dataOf, onlyResource, releaseNamed as release, resourcesOf, type StackJson, type SynthesizedCluster } from '../support/synth';
import { fromClusterStack, grantsOf, ref, resource, synthAks } from './aks';

/** The names of a stack's helm releases. */
const releaseNames = (stack: StackJson | undefined): string[] => Object.values(resourcesOf(stack, 'helm_release')).map((r: any) => r.name);

const INTERNAL = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };
const PIP_NAME = 'service.beta.kubernetes.io/azure-pip-name';
const PIP_RESOURCE_GROUP = 'service.beta.kubernetes.io/azure-load-balancer-resource-group';

describe('AKS ingress, internal (the default)', () => {
  let synth: SynthesizedCluster;
  beforeAll(async () => {
    synth = await synthAks();
  });

  it('installs Traefik in the platform stack with an internal load balancer in the node subnet', () => {
    expect(synth.cluster.resolved.ingress.controller).toBe('traefik');
    expect(releaseNames(synth.stacks.platform)).toEqual(['cert-manager', 'traefik']);
    expect(releaseValues(release(synth.stacks.platform, 'traefik')).service).toEqual({ annotations: INTERNAL });
  });

  it('reserves no public address, grants nothing beyond the subnets and opens no inbound rule', () => {
    const { cluster } = synth.stacks;
    expect(Object.keys(resourcesOf(cluster, 'azurerm_public_ip')).filter((id) => !id.startsWith('EgressIp'))).toEqual([]);
    expect(Object.keys(grantsOf(cluster, 'Network Contributor')).sort()).toEqual([
      'ControlPlaneApiServerSubnetNetworkContributor',
      'ControlPlaneNodeSubnetNetworkContributor',
    ]);
    expect(resourcesOf(cluster, 'azurerm_role_definition')).toEqual({});
    expect(resourcesOf(cluster, 'azurerm_network_security_rule')).toEqual({});
    expect(cluster!.output.ingress_ip).toBeUndefined();
  });

  it('installs no ExternalDNS without zones', () => {
    expect(resourcesOf(synth.stacks.cluster, 'azurerm_federated_identity_credential')).toEqual({});
    expect(resourcesOf(synth.stacks.platform, 'kubernetes_namespace_v1')).toEqual({});
  });
});

describe('AKS ingress, internet-facing', () => {
  let synth: SynthesizedCluster;
  let cluster: StackJson;
  beforeAll(async () => {
    synth = await synthAks({ ingress: { exposure: 'internet-facing' }, azure: { resourceGroupName: 'rg-edge' } });
    cluster = synth.stacks.cluster!;
  });

  it('reserves a static, zone-redundant Standard IPv4 address in the cluster resource group', () => {
    expect(resource(cluster, 'azurerm_public_ip', 'IngressIp')).toMatchObject({
      name: 'aks-test-ingress',
      resource_group_name: ref('azurerm_resource_group', 'ResourceGroup', 'name'),
      sku: 'Standard',
      allocation_method: 'Static',
      ip_version: 'IPv4',
      zones: ['1', '2', '3'],
    });
    expect(cluster.output.ingress_ip.value).toBe(ref('azurerm_public_ip', 'IngressIp', 'ip_address'));
    expect(cluster.output.ingress_ip.description).toBeTruthy();
  });

  it('grants the control plane Network Contributor on exactly that address', () => {
    expect(resource(cluster, 'azurerm_role_assignment', 'ControlPlaneIngressIpNetworkContributor')).toMatchObject({
      scope: ref('azurerm_public_ip', 'IngressIp', 'id'),
      role_definition_name: 'Network Contributor',
      principal_id: ref('azurerm_user_assigned_identity', 'ControlPlaneIdentity', 'principal_id'),
      principal_type: 'ServicePrincipal',
    });
    // Nothing broader: the subnets and the address, never the VNet or the resource group.
    expect(Object.values(grantsOf(cluster, 'Network Contributor')).map((g) => g.scope).sort()).toEqual(
      [ref('azurerm_public_ip', 'IngressIp', 'id'), ref('azurerm_subnet', 'ApiServerSubnet', 'id'), ref('azurerm_subnet', 'NodeSubnet', 'id')].sort(),
    );
  });

  it('lets the control plane list the resource group public IPs and nothing else there', () => {
    const role = resource(cluster, 'azurerm_role_definition', 'PublicIpReaderRole');
    expect(role).toMatchObject({
      scope: ref('azurerm_resource_group', 'ResourceGroup', 'id'),
      assignable_scopes: [ref('azurerm_resource_group', 'ResourceGroup', 'id')],
      permissions: [{ actions: ['Microsoft.Network/publicIPAddresses/read'] }],
    });
    expect(role.name).toMatch(/^aks-test-public-ip-reader-[0-9a-f]{8}$/);
    expect(resource(cluster, 'azurerm_role_assignment', 'ControlPlanePublicIpReader')).toMatchObject({
      scope: ref('azurerm_resource_group', 'ResourceGroup', 'id'),
      role_definition_id: ref('azurerm_role_definition', 'PublicIpReaderRole', 'role_definition_resource_id'),
      principal_id: ref('azurerm_user_assigned_identity', 'ControlPlaneIdentity', 'principal_id'),
    });
  });

  it('puts the ingress controller Service on that address', () => {
    expect(releaseValues(release(synth.stacks.platform, 'traefik')).service).toEqual({
      annotations: { [PIP_NAME]: 'aks-test-ingress', [PIP_RESOURCE_GROUP]: 'rg-edge' },
    });
  });

  it('opens 80 and 443 from the internet to the ingress address only', () => {
    expect(Object.keys(resourcesOf(cluster, 'azurerm_network_security_rule'))).toEqual(['NodeInternetIngress']);
    expect(resource(cluster, 'azurerm_network_security_rule', 'NodeInternetIngress')).toMatchObject({
      network_security_group_name: ref('azurerm_network_security_group', 'NodeSecurityGroup', 'name'),
      source_address_prefix: 'Internet',
      destination_address_prefix: ref('azurerm_public_ip', 'IngressIp', 'ip_address'),
      destination_port_ranges: ['80', '443'],
    });
  });
});

describe('AKS ingress with NGINX', () => {
  it('installs the NGINX Ingress Controller instead of Traefik, with the exposure annotations', async () => {
    const internal = await synthAks({ ingress: { controller: 'nginx' } });
    expect(releaseNames(internal.stacks.platform)).toEqual(['cert-manager', 'nginx-ingress']);
    expect(releaseValues(release(internal.stacks.platform, 'nginx-ingress')).controller.service).toEqual({ type: 'LoadBalancer', annotations: INTERNAL });

    const public_ = await synthAks({ ingress: { controller: 'nginx', exposure: 'internet-facing' } });
    expect(releaseValues(release(public_.stacks.platform, 'nginx-ingress')).controller.service.annotations).toEqual({
      [PIP_NAME]: 'aks-test-ingress',
      [PIP_RESOURCE_GROUP]: 'aks-test-rg',
    });
  });
});

describe('AKS ExternalDNS', () => {
  const ZONES = ['example.com', 'shop.example.com'];
  let publicZones: SynthesizedCluster;
  let privateZones: SynthesizedCluster;
  beforeAll(async () => {
    publicZones = await synthAks({ ingress: { exposure: 'internet-facing', externalDnsZones: ZONES } });
    privateZones = await synthAks({ ingress: { externalDnsZones: ['corp.internal'] } });
  });

  it('gives ExternalDNS a user-assigned identity federated with its service account only', () => {
    const cluster = publicZones.stacks.cluster;
    expect(resource(cluster, 'azurerm_user_assigned_identity', 'ExternalDnsIdentity')).toMatchObject({ name: 'aks-test-external-dns' });
    expect(onlyResource(cluster, 'azurerm_federated_identity_credential')).toMatchObject({
      parent_id: ref('azurerm_user_assigned_identity', 'ExternalDnsIdentity', 'id'),
      issuer: ref('azurerm_kubernetes_cluster', 'Cluster', 'oidc_issuer_url'),
      subject: 'system:serviceaccount:external-dns:external-dns',
      audience: ['api://AzureADTokenExchange'],
    });
  });

  it('grants DNS Zone Contributor on each public zone for an internet-facing ingress', () => {
    const cluster = publicZones.stacks.cluster;
    expect(Object.fromEntries(Object.entries(dataOf(cluster, 'azurerm_dns_zone')).map(([id, z]) => [id, z.name]))).toEqual({
      ExternalDnsZone0: 'example.com',
      ExternalDnsZone1: 'shop.example.com',
    });
    // Found by name in the subscription, wherever the zone's resource group is.
    expect(dataOf(cluster, 'azurerm_dns_zone').ExternalDnsZone0.resource_group_name).toBeUndefined();
    const grants = grantsOf(cluster, 'DNS Zone Contributor');
    expect(Object.fromEntries(Object.entries(grants).map(([id, g]) => [id, g.scope]))).toEqual({
      ExternalDnsZone0Contributor: '${data.azurerm_dns_zone.ExternalDnsZone0.id}',
      ExternalDnsZone1Contributor: '${data.azurerm_dns_zone.ExternalDnsZone1.id}',
    });
    for (const g of Object.values(grants)) expect(g.principal_id).toBe(ref('azurerm_user_assigned_identity', 'ExternalDnsIdentity', 'principal_id'));
    expect(grantsOf(cluster, 'Private DNS Zone Contributor')).toEqual({});
  });

  it('grants Private DNS Zone Contributor on the private zone for an internal ingress', () => {
    const cluster = privateZones.stacks.cluster;
    expect(dataOf(cluster, 'azurerm_dns_zone')).toEqual({});
    expect(dataOf(cluster, 'azurerm_private_dns_zone').ExternalDnsZone0.name).toBe('corp.internal');
    expect(resource(cluster, 'azurerm_role_assignment', 'ExternalDnsZone0Contributor')).toMatchObject({
      role_definition_name: 'Private DNS Zone Contributor',
      scope: '${data.azurerm_private_dns_zone.ExternalDnsZone0.id}',
      principal_id: ref('azurerm_user_assigned_identity', 'ExternalDnsIdentity', 'principal_id'),
    });
    expect(grantsOf(cluster, 'DNS Zone Contributor')).toEqual({});
  });

  it("lets ExternalDNS list the zones of their resource group, and stops the plan when the zones span groups", () => {
    const cluster = publicZones.stacks.cluster;
    const group = '${join("/", slice(split("/", data.azurerm_dns_zone.ExternalDnsZone0.id), 0, 5))}';
    expect(resource(cluster, 'azurerm_role_definition', 'ExternalDnsZoneReaderRole')).toMatchObject({
      scope: group,
      assignable_scopes: [group],
      permissions: [{ actions: ['Microsoft.Network/dnszones/read'] }],
    });
    const reader = resource(cluster, 'azurerm_role_assignment', 'ExternalDnsZoneReader');
    expect(reader).toMatchObject({ scope: group, principal_id: ref('azurerm_user_assigned_identity', 'ExternalDnsIdentity', 'principal_id') });
    expect(reader.lifecycle.precondition[0].condition).toBe(
      '${(length(distinct([data.azurerm_dns_zone.ExternalDnsZone0.resource_group_name, data.azurerm_dns_zone.ExternalDnsZone1.resource_group_name])) == 1)}',
    );
    expect(resource(privateZones.stacks.cluster, 'azurerm_role_definition', 'ExternalDnsZoneReaderRole').permissions).toEqual([{ actions: ['Microsoft.Network/privateDnsZones/read'] }]);
  });

  it('writes azure.json with tenant, subscription and the first zone resource group in a ConfigMap', () => {
    const platform = publicZones.stacks.platform;
    expect(resource(platform, 'kubernetes_namespace_v1', 'ExternalDnsNamespace').metadata).toEqual({ name: 'external-dns' });
    const configMap = resource(platform, 'kubernetes_config_map_v1', 'ExternalDnsAzureConfig');
    expect(configMap.metadata).toEqual({ name: 'external-dns-azure', namespace: '${kubernetes_namespace_v1.ExternalDnsNamespace.metadata[0].name}' });
    expect(JSON.parse(configMap.data['azure.json'])).toEqual({
      tenantId: fromClusterStack('aks-test', 'dataazurerm_client_configClientConfigtenant_id'),
      subscriptionId: fromClusterStack('aks-test', 'dataazurerm_client_configClientConfigsubscription_id'),
      resourceGroup: fromClusterStack('aks-test', 'dataazurerm_dns_zoneExternalDnsZone0resource_group_name'),
      useWorkloadIdentityExtension: true,
    });
  });

  it('installs ExternalDNS with workload identity, the mounted settings and the zones as domain filters', () => {
    const platform = publicZones.stacks.platform;
    const dns = release(platform, 'external-dns');
    expect(dns).toMatchObject({
      namespace: 'external-dns',
      create_namespace: false,
      depends_on: ['kubernetes_namespace_v1.ExternalDnsNamespace', 'kubernetes_config_map_v1.ExternalDnsAzureConfig'],
    });
    const values = releaseValues(dns);
    expect(values).toMatchObject({
      provider: { name: 'azure' },
      domainFilters: ZONES,
      extraArgs: {},
      serviceAccount: {
        create: true,
        name: 'external-dns',
        annotations: { 'azure.workload.identity/client-id': fromClusterStack('aks-test', 'azurerm_user_assigned_identityExternalDnsIdentityclient_id') },
      },
      podLabels: { 'azure.workload.identity/use': 'true' },
      extraVolumes: [{ name: 'azure-config', configMap: { name: 'external-dns-azure' } }],
      extraVolumeMounts: [{ name: 'azure-config', mountPath: '/etc/kubernetes', readOnly: true }],
    });
    expect(releaseValues(release(privateZones.stacks.platform, 'external-dns'))).toMatchObject({
      provider: { name: 'azure-private-dns' },
      domainFilters: ['corp.internal'],
    });
  });
});
