import { TerraformOutput, Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPLY_TIME, PhaseStacks, type ApplyTimeValues, type ClusterSpec } from '../../constructs';
import { buildAks } from '../../constructs/azure';
import { resolveCluster } from '../../constructs/spec';
import { releaseValues } from '../aws/helpers';
import { dataOf, releaseNamed as release, resourcesOf, type StackJson, type SynthesizedCluster } from '../support/synth';
import { MINIMAL } from '../support/specs';
import { fromClusterStack, grantsOf, ref, resource, synthAks } from './aks';

const ZONES = ['example.com', 'shop.example.org'];
const DNS01: Partial<ClusterSpec> = { certManager: { acme: { email: 'ops@example.com', solver: 'dns01', dnsZones: ZONES } } };
const HTTP01: Partial<ClusterSpec> = {
  ingress: { exposure: 'internet-facing' },
  certManager: { acme: { email: 'ops@example.com', solver: 'http01' } },
};
const IDENTITY = 'azurerm_user_assigned_identity';

/**
 * Runs the AKS builder on a spec and returns its apply-time values as the Terraform expressions
 * they stand for in the cluster stack (read back through an output of that stack).
 */
function build(change: Partial<ClusterSpec>): Record<string, string> {
  const resolved = resolveCluster({ ...MINIMAL.azure, ...change });
  const stacks = new PhaseStacks(Testing.app(), resolved);
  const values: ApplyTimeValues = buildAks(stacks, resolved).applyTimeValues;
  new TerraformOutput(stacks.cluster, 'ApplyTimeValues', { value: values });
  return JSON.parse(Testing.synth(stacks.cluster)).output.ApplyTimeValues.value;
}

/** The resources whose construct id starts with `CertManager`, of every type, in the cluster stack. */
function certManagerResources(stack: StackJson | undefined): string[] {
  const found: string[] = [];
  for (const [type, byId] of Object.entries({ ...(stack?.resource ?? {}), ...(stack?.data ?? {}) })) {
    for (const id of Object.keys(byId as object)) if (id.startsWith('CertManager')) found.push(`${type}.${id}`);
  }
  return found;
}

describe('AKS cert-manager release', () => {
  it('installs cert-manager v1.21.1 with its CRDs in the platform stack', async () => {
    const { stacks } = await synthAks();
    expect(release(stacks.platform, 'cert-manager')).toMatchObject({
      chart: 'cert-manager',
      version: 'v1.21.1',
      namespace: 'cert-manager',
    });
    expect(releaseValues(release(stacks.platform, 'cert-manager')).crds).toEqual({ enabled: true, keep: true });
  });

  it('installs no cert-manager when the spec turns it off', async () => {
    const { stacks } = await synthAks({ certManager: { enabled: false } });
    expect(Object.values(resourcesOf(stacks.platform, 'helm_release')).map((r: any) => r.name)).not.toContain('cert-manager');
    expect(certManagerResources(stacks.cluster)).toEqual([]);
  });
});

describe('AKS cert-manager with DNS01 on an internal cluster', () => {
  let synth: SynthesizedCluster;
  let cluster: StackJson;
  beforeAll(async () => {
    synth = await synthAks(DNS01);
    cluster = synth.stacks.cluster!;
  });

  it('gives cert-manager its own user-assigned identity in the cluster resource group', () => {
    expect(resource(cluster, IDENTITY, 'CertManagerIdentity')).toMatchObject({
      name: 'aks-test-cert-manager',
      resource_group_name: ref('azurerm_resource_group', 'ResourceGroup', 'name'),
    });
  });

  it("federates it with cert-manager's service account on this cluster's OIDC issuer only", () => {
    expect(resource(cluster, 'azurerm_federated_identity_credential', 'CertManagerFederatedCredential')).toMatchObject({
      parent_id: ref(IDENTITY, 'CertManagerIdentity', 'id'),
      issuer: ref('azurerm_kubernetes_cluster', 'Cluster', 'oidc_issuer_url'),
      subject: 'system:serviceaccount:cert-manager:cert-manager',
      audience: ['api://AzureADTokenExchange'],
    });
  });

  it('looks the ACME zones up as public zones by name, although the ingress is internal', () => {
    expect(synth.cluster.resolved.ingress.exposure).toBe('internal');
    const zones = dataOf(cluster, 'azurerm_dns_zone');
    expect(Object.fromEntries(Object.entries(zones).map(([id, z]) => [id, z.name]))).toEqual({ CertManagerZone0: 'example.com', CertManagerZone1: 'shop.example.org' });
    // Found in the subscription wherever each zone's resource group is.
    for (const zone of Object.values(zones)) expect(zone.resource_group_name).toBeUndefined();
    expect(dataOf(cluster, 'azurerm_private_dns_zone')).toEqual({});
  });

  it('grants DNS Zone Contributor on each zone alone, and nothing else', () => {
    const grants = Object.entries(resourcesOf(cluster, 'azurerm_role_assignment')).filter(
      ([, g]) => g.principal_id === ref(IDENTITY, 'CertManagerIdentity', 'principal_id'),
    );
    expect(Object.fromEntries(grants.map(([id, g]) => [id, [g.role_definition_name, g.scope]]))).toEqual({
      CertManagerZone0Contributor: ['DNS Zone Contributor', '${data.azurerm_dns_zone.CertManagerZone0.id}'],
      CertManagerZone1Contributor: ['DNS Zone Contributor', '${data.azurerm_dns_zone.CertManagerZone1.id}'],
    });
    for (const [, g] of grants) expect(g.principal_type).toBe('ServicePrincipal');
  });

  it('creates no custom role and no resource-group precondition: the solver never lists zones', () => {
    expect(resourcesOf(cluster, 'azurerm_role_definition')).toEqual({});
    for (const id of ['CertManagerZone0Contributor', 'CertManagerZone1Contributor']) {
      expect(resource(cluster, 'azurerm_role_assignment', id).lifecycle).toBeUndefined();
    }
  });

  it('binds the release to the identity with the workload identity annotation and labels', () => {
    const values = releaseValues(release(synth.stacks.platform, 'cert-manager'));
    expect(values.serviceAccount).toEqual({
      create: true,
      name: 'cert-manager',
      annotations: { 'azure.workload.identity/client-id': fromClusterStack('aks-test', 'azurerm_user_assigned_identityCertManagerIdentityclient_id') },
      labels: { 'azure.workload.identity/use': 'true' },
    });
    // The webhook injects the federated token only into pods carrying this label.
    expect(values.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
  });

  it("gives the Let's Encrypt issuers each zone's resource group, the subscription and the client id from the cluster stack", () => {
    const issuer = resource(synth.stacks.policies, 'kubernetes_manifest', 'ClusterIssuer_letsencrypt-production');
    expect(issuer.manifest.spec.acme.solvers.map((s: any) => s.dns01.azureDNS)).toEqual(
      ZONES.map((zone, i) => ({
        subscriptionID: fromClusterStack('aks-test', 'dataazurerm_client_configClientConfigsubscription_id'),
        resourceGroupName: fromClusterStack('aks-test', `dataazurerm_dns_zoneCertManagerZone${i}resource_group_name`),
        hostedZoneName: zone,
        environment: 'AzurePublicCloud',
        managedIdentity: { clientID: fromClusterStack('aks-test', 'azurerm_user_assigned_identityCertManagerIdentityclient_id') },
      })),
    );
  });
});

describe('AKS cert-manager apply-time values', () => {
  it("hands the DNS01 issuers the subscription, the identity's client id and each zone's resource group", () => {
    const values = build(DNS01);
    expect(Object.keys(values).sort()).toEqual(['azure-subscription-id', 'cert-manager-client-id', 'dns01-zone-0-resource-group', 'dns01-zone-1-resource-group']);
    expect(values[APPLY_TIME.azureSubscriptionId]).toBe('${data.azurerm_client_config.ClientConfig.subscription_id}');
    expect(values[APPLY_TIME.certManagerClientId]).toBe(ref(IDENTITY, 'CertManagerIdentity', 'client_id'));
    expect(values[APPLY_TIME.dns01ZoneResourceGroup(0)]).toBe('${data.azurerm_dns_zone.CertManagerZone0.resource_group_name}');
    expect(values[APPLY_TIME.dns01ZoneResourceGroup(1)]).toBe('${data.azurerm_dns_zone.CertManagerZone1.resource_group_name}');
  });

  it('supplies none without acme or with HTTP01', () => {
    expect(build({})).toEqual({});
    expect(build(HTTP01)).toEqual({});
    expect(build({ certManager: { enabled: false } })).toEqual({});
  });
});

describe('AKS cert-manager without DNS01', () => {
  for (const [what, change] of [
    ['without acme', {}],
    ['with HTTP01', HTTP01],
  ] as const) {
    it(`creates no identity, credential or zone grant ${what}, and binds none to the release`, async () => {
      const { stacks } = await synthAks(change);
      expect(certManagerResources(stacks.cluster)).toEqual([]);
      expect(resourcesOf(stacks.cluster, 'azurerm_federated_identity_credential')).toEqual({});
      expect(grantsOf(stacks.cluster, 'DNS Zone Contributor')).toEqual({});
      const values = releaseValues(release(stacks.platform, 'cert-manager'));
      expect(values.serviceAccount).toEqual({ create: true, name: 'cert-manager' });
      expect(values.podLabels).toBeUndefined();
    });
  }
});

describe('AKS cert-manager next to ExternalDNS', () => {
  it("leaves ExternalDNS's identity, zones and grants as they are", async () => {
    const ingress = { exposure: 'internet-facing' as const, externalDnsZones: ['apps.example.com'] };
    const alone = (await synthAks({ ingress, certManager: { enabled: false } })).stacks.cluster!;
    const both = (await synthAks({ ingress, ...DNS01 })).stacks.cluster!;
    const externalDns = (stack: StackJson) => {
      const picked: Record<string, unknown> = {};
      for (const kind of ['resource', 'data'] as const) {
        for (const [type, byId] of Object.entries(stack[kind] ?? {})) {
          for (const [id, body] of Object.entries(byId as object)) if (id.startsWith('ExternalDns')) picked[`${kind}.${type}.${id}`] = body;
        }
      }
      return picked;
    };
    expect(Object.keys(externalDns(alone)).sort()).toEqual([
      'data.azurerm_dns_zone.ExternalDnsZone0',
      'resource.azurerm_federated_identity_credential.ExternalDnsFederatedCredential',
      'resource.azurerm_role_assignment.ExternalDnsZone0Contributor',
      'resource.azurerm_role_assignment.ExternalDnsZoneReader',
      'resource.azurerm_role_definition.ExternalDnsZoneReaderRole',
      'resource.azurerm_user_assigned_identity.ExternalDnsIdentity',
    ]);
    expect(externalDns(both)).toEqual(externalDns(alone));
    // The two identities are separate: neither add-on can write the other's zones.
    expect(resource(both, 'azurerm_federated_identity_credential', 'ExternalDnsFederatedCredential').subject).toBe('system:serviceaccount:external-dns:external-dns');
    expect(resource(both, 'azurerm_role_assignment', 'CertManagerZone0Contributor').principal_id).toBe(ref(IDENTITY, 'CertManagerIdentity', 'principal_id'));
  });
});
