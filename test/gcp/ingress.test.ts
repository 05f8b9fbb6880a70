import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTERNAL_DNS_RELEASE } from '../../constructs/addons/ingress';
import { SHARED_GATEWAY, sharedGatewayManifest } from '../../constructs/gcp';
import { EXPOSED_NAMESPACE_LABEL } from '../../constructs/spec';
import { releaseValues } from '../aws/helpers';
import { SHARED_PRESENT, sharedSchema } from '../support/shared-data';
import { dataOf, onlyResource, releaseNamed, resourcesOf, synthCluster, type StackJson, type SynthesizedCluster } from '../support/synth';
import { addressOf, crossStackSource, gke } from './helpers';

/** The proxy-only subnets of a cluster stack. */
const proxyOnlySubnets = (stack: StackJson | undefined): any[] =>
  Object.values(resourcesOf(stack, 'google_compute_subnetwork')).filter((s: any) => s.purpose === 'REGIONAL_MANAGED_PROXY');

/** The shared Gateway's manifest in a platform stack, if any. */
const gatewayOf = (stack: StackJson | undefined): any[] =>
  Object.values(resourcesOf(stack, 'kubernetes_manifest')).filter((m: any) => m.manifest.kind === 'Gateway');

const EXPOSED_ONLY = { from: 'Selector', selector: { matchLabels: { [EXPOSED_NAMESPACE_LABEL]: 'true' } } };

describe('GKE load balancing: internal (the default)', () => {
  let synth: SynthesizedCluster;
  beforeAll(async () => {
    synth = await synthCluster(gke({ network: { vpcCidr: '10.8.0.0/16' } }));
  });

  it('creates the active regional proxy-only subnet at the planned range, in the cluster network and region', () => {
    const [subnet, ...rest] = proxyOnlySubnets(synth.stacks.cluster);
    expect(rest).toEqual([]);
    expect(subnet.role).toBe('ACTIVE');
    expect(subnet.ip_cidr_range).toBe(synth.cluster.resolved.network.subnets.proxyOnly);
    expect(subnet.ip_cidr_range).toBe('10.8.16.0/23');
    expect(subnet.region).toBe('europe-west1');
    expect(subnet.network).toBe(`\${${addressOf(synth.stacks.cluster, 'google_compute_network', () => true)}.id}`);
    expect(subnet.name).toBe('gke-test-proxy-only');
    // The API refuses flow logs and Private Google Access on proxy-only subnets.
    expect(subnet.log_config).toBeUndefined();
    expect(subnet.private_ip_google_access).toBeUndefined();
  });

  it('leaves the proxies-to-pods firewall rule to GKE: only the webhook rule is ours', () => {
    expect(onlyResource(synth.stacks.cluster, 'google_compute_firewall').name).toBe('gke-test-control-plane-webhooks');
  });

  it('creates the shared internal Gateway in its own namespace, open to exposed namespaces only', () => {
    const [gateway, ...rest] = gatewayOf(synth.stacks.platform);
    expect(rest).toEqual([]);
    expect(gateway.manifest).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'shared', namespace: 'polycluster-ingress' },
      spec: {
        gatewayClassName: 'gke-l7-rilb',
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: EXPOSED_ONLY } }],
      },
    });
    const namespace = onlyResource(synth.stacks.platform, 'kubernetes_namespace_v1');
    expect(namespace.metadata).toEqual({ name: SHARED_GATEWAY.namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } });
    expect(gateway.depends_on).toEqual([`${addressOf(synth.stacks.platform, 'kubernetes_namespace_v1', () => true)}`]);
  });

  it('reserves no static address and has no ingress_ip output', () => {
    expect(resourcesOf(synth.stacks.cluster, 'google_compute_global_address')).toEqual({});
    expect(synth.stacks.cluster!.output.ingress_ip).toBeUndefined();
  });

  it('installs no in-cluster controller and no ExternalDNS without zones', () => {
    // cert-manager (on by default) is the only release.
    expect(Object.values<any>(resourcesOf(synth.stacks.platform, 'helm_release')).map((r) => r.name)).toEqual(['cert-manager']);
    expect(resourcesOf(synth.stacks.cluster, 'google_dns_managed_zone_iam_member')).toEqual({});
    expect(dataOf(synth.stacks.cluster, 'google_dns_managed_zones')).toEqual({});
  });
});

describe('GKE load balancing: internet-facing', () => {
  let synth: SynthesizedCluster;
  beforeAll(async () => {
    synth = await synthCluster(gke({ ingress: { exposure: 'internet-facing' } }));
  });

  it('needs no proxy-only subnet for the global class alone', () => {
    expect(proxyOnlySubnets(synth.stacks.cluster)).toEqual([]);
    expect(synth.cluster.resolved.network.subnets.proxyOnly).toBeUndefined();
  });

  it('creates the proxy-only subnet again when a regional class is listed', async () => {
    const regional = await synthCluster(gke({ ingress: { exposure: 'internet-facing' }, gcp: { project: 'acme-platform', gatewayClasses: ['gke-l7-regional-external-managed'] } }));
    const [subnet, ...rest] = proxyOnlySubnets(regional.stacks.cluster);
    expect(rest).toEqual([]);
    expect(subnet.ip_cidr_range).toBe(regional.cluster.resolved.network.subnets.proxyOnly);
    // The shared Gateway stays on the global class.
    expect(gatewayOf(regional.stacks.platform)[0].manifest.spec.gatewayClassName).toBe('gke-l7-global-external-managed');
  });

  it('reserves a global external IPv4 address, claims it by name and outputs it', () => {
    const address = onlyResource(synth.stacks.cluster, 'google_compute_global_address');
    expect(address).toMatchObject({ name: 'gke-test-ingress', address_type: 'EXTERNAL', ip_version: 'IPV4' });
    const [gateway] = gatewayOf(synth.stacks.platform);
    expect(gateway.manifest.spec.gatewayClassName).toBe('gke-l7-global-external-managed');
    expect(gateway.manifest.spec.addresses).toEqual([{ type: 'NamedAddress', value: address.name }]);
    expect(gateway.manifest.spec.listeners[0].allowedRoutes.namespaces).toEqual(EXPOSED_ONLY);
    const addressRef = addressOf(synth.stacks.cluster, 'google_compute_global_address', () => true);
    expect(synth.stacks.cluster!.output.ingress_ip.value).toBe(`\${${addressRef}.address}`);
  });
});

describe.skipIf(!SHARED_PRESENT)('the shared Gateway against the Gateway API schema in ../shared', () => {
  const validate = SHARED_PRESENT
    ? new Ajv({ strict: false, validateFormats: false, logger: false }).compile(sharedSchema('gateway.networking.k8s.io/gateway_v1.json'))
    : undefined;

  it.each([
    ['internal', sharedGatewayManifest('gke-l7-rilb')],
    ['internet-facing with its named address', sharedGatewayManifest('gke-l7-global-external-managed', 'gke-test-ingress')],
  ])('is valid when %s', (_title, manifest) => {
    expect(validate!(manifest), JSON.stringify(validate!.errors)).toBe(true);
  });

  it('is the object the platform stack applies', async () => {
    const { stacks } = await synthCluster(gke({ ingress: { exposure: 'internet-facing' } }));
    const [gateway] = gatewayOf(stacks.platform);
    expect(validate!(gateway.manifest), JSON.stringify(validate!.errors)).toBe(true);
  });

  it('catches an invalid listener', () => {
    const broken = sharedGatewayManifest('gke-l7-rilb') as any;
    broken.spec.listeners[0].protocol = 'http';
    broken.spec.listeners[0].port = 70000;
    expect(validate!(broken)).toBe(false);
  });
});

describe('GKE in-cluster ingress controllers', () => {
  it.each([
    ['traefik', 'traefik'],
    ['nginx', 'nginx-ingress'],
  ] as const)('installs %s in the platform stack instead of the shared Gateway', async (controller, chart) => {
    const { stacks } = await synthCluster(gke({ ingress: { controller } }));
    const releases = Object.values<any>(resourcesOf(stacks.platform, 'helm_release')).filter((r) => r.name !== 'cert-manager');
    expect(releases.map((r) => r.chart)).toEqual([chart]);
    expect(gatewayOf(stacks.platform)).toEqual([]);
    expect(resourcesOf(stacks.platform, 'kubernetes_namespace_v1')).toEqual({});
    expect(resourcesOf(stacks.cluster, 'google_compute_global_address')).toEqual({});
    // No regional GatewayClass is in use, so no proxy-only subnet either.
    expect(proxyOnlySubnets(stacks.cluster)).toEqual([]);
  });
});

describe('GKE ExternalDNS', () => {
  let synth: SynthesizedCluster;
  let account: Record<string, any>;
  let accountRef: string;
  beforeAll(async () => {
    synth = await synthCluster(gke({ ingress: { externalDnsZones: ['shop.example.com', 'corp.example'] } }));
    const [entry, ...rest] = Object.entries(resourcesOf(synth.stacks.cluster, 'google_service_account')).filter(([, a]: [string, any]) => a.account_id === 'gke-test-external-dns');
    expect(rest).toEqual([]);
    account = entry![1];
    accountRef = `google_service_account.${entry![0]}`;
  });

  it('has a dedicated service account with a valid id', () => {
    expect(account.account_id).toMatch(/^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/);
    expect(account.project).toBe('acme-platform');
  });

  it('grants dns.admin only on the named zones, found by DNS name and the exposure visibility', () => {
    const grants = resourcesOf(synth.stacks.cluster, 'google_dns_managed_zone_iam_member');
    const ids = Object.keys(grants);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/ExternalDnsZone0/);
    expect(ids[1]).toMatch(/ExternalDnsZone1/);
    const zoneLookups = Object.keys(dataOf(synth.stacks.cluster, 'google_dns_managed_zones'));
    expect(zoneLookups).toHaveLength(1);
    const zones = `data.google_dns_managed_zones.${zoneLookups[0]}`;
    for (const [grant, zone] of Object.values(grants).map((g: any, i) => [g, ['shop.example.com', 'corp.example'][i]] as const)) {
      expect(grant.role).toBe('roles/dns.admin');
      expect(grant.member).toBe(`\${${accountRef}.member}`);
      const matches = `[for z in ${zones}.managed_zones : z.name if z.dns_name == "${zone}." && z.visibility == "private"]`;
      expect(grant.managed_zone).toBe(`\${one(${matches})}`);
      // A missing zone stops the plan with a message naming it.
      expect(grant.lifecycle.precondition).toEqual([{ condition: `\${length(${matches}) == 1}`, error_message: expect.stringContaining(`no private Cloud DNS zone for ${zone}`) }]);
    }
    // The project level only lists zones: read-only, and the account's only project role.
    const projectRoles = Object.values(resourcesOf(synth.stacks.cluster, 'google_project_iam_member')).filter((m: any) => m.member === `\${${accountRef}.member}`);
    expect(projectRoles.map((m: any) => m.role)).toEqual(['roles/dns.reader']);
  });

  it('lets only the external-dns Kubernetes service account act as it, once the pool exists', () => {
    const binding = onlyResource(synth.stacks.cluster, 'google_service_account_iam_member');
    expect(binding.service_account_id).toBe(`\${${accountRef}.name}`);
    expect(binding.role).toBe('roles/iam.workloadIdentityUser');
    expect(binding.member).toBe('serviceAccount:acme-platform.svc.id.goog[external-dns/external-dns]');
    expect(binding.depends_on).toEqual([addressOf(synth.stacks.cluster, 'google_container_cluster', () => true)]);
  });

  it('installs ExternalDNS with the google provider, the zones, the visibility and the identity', () => {
    const release = releaseNamed(synth.stacks.platform, EXTERNAL_DNS_RELEASE.name);
    expect(release.chart).toBe('external-dns');
    expect(release.namespace).toBe(EXTERNAL_DNS_RELEASE.namespace);
    const values = releaseValues(release);
    expect(values.provider).toEqual({ name: 'google' });
    expect(values.domainFilters).toEqual(['shop.example.com', 'corp.example']);
    expect(values.extraArgs).toEqual({ 'google-project': 'acme-platform', 'google-zone-visibility': 'private' });
    expect(values.sources).toContain('gateway-httproute');
    const annotation = values.serviceAccount.annotations['iam.gke.io/gcp-service-account'];
    expect(values.serviceAccount.name).toBe(EXTERNAL_DNS_RELEASE.serviceAccount);
    expect(crossStackSource(synth.stacks.cluster, annotation)).toBe(`\${${accountRef}.email}`);
  });

  it('writes public zones when internet-facing', async () => {
    const { stacks } = await synthCluster(gke({ ingress: { exposure: 'internet-facing', externalDnsZones: ['shop.example.com'] } }));
    const grant = onlyResource(stacks.cluster, 'google_dns_managed_zone_iam_member');
    expect(grant.managed_zone).toContain('z.dns_name == "shop.example.com." && z.visibility == "public"');
    expect(releaseValues(releaseNamed(stacks.platform, EXTERNAL_DNS_RELEASE.name)).extraArgs['google-zone-visibility']).toBe('public');
  });
});
