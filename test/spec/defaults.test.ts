import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLOUDS,
  defaultFor,
  DEFAULTS,
  DERIVED_DEFAULTS,
  PROFILE_RELAXATIONS,
  resolveCluster,
  type ClusterSpec,
  type DefaultPath,
  type Profile,
} from '../../constructs/spec';
import { documentedFields, INTERFACE_PATHS } from '../support/jsdoc';
import { MINIMAL } from '../support/specs';

const fields = documentedFields();
const documented = fields.filter((f) => f.defaultText !== undefined);
const pathOf = (iface: string, property: string): string => `${INTERFACE_PATHS[iface] ?? `?${iface}.`}${property}`;

describe('documented defaults are the applied defaults', () => {
  it('documents every field of every spec interface', () => {
    expect(fields.filter((f) => !f.documented).map((f) => `${f.iface}.${f.property}`)).toEqual([]);
  });

  it('maps every interface of types.ts to a spec path', () => {
    const unmapped = [...new Set(fields.map((f) => f.iface))].filter((i) => INTERFACE_PATHS[i] === undefined);
    expect(unmapped).toEqual([]);
  });

  it.each(documented.map((f) => [pathOf(f.iface, f.property), f.defaultText!] as const))(
    '%s: the @default tag equals DEFAULTS or DERIVED_DEFAULTS',
    (path, text) => {
      if (path in DERIVED_DEFAULTS) {
        expect(text).toBe(DERIVED_DEFAULTS[path as keyof typeof DERIVED_DEFAULTS]);
      } else {
        expect(path in DEFAULTS, `${path} has a @default but no DEFAULTS entry`).toBe(true);
        expect(JSON.parse(text)).toEqual(DEFAULTS[path as DefaultPath]);
      }
    },
  );

  it('documents every DEFAULTS and DERIVED_DEFAULTS entry with a @default tag', () => {
    const documentedPaths = new Set(documented.map((f) => pathOf(f.iface, f.property)));
    const missing = [...Object.keys(DEFAULTS), ...Object.keys(DERIVED_DEFAULTS)].filter((p) => !documentedPaths.has(p));
    expect(missing).toEqual([]);
  });

  it('gives every optional field a @default, except the documented no-default fields', () => {
    // Optional fields whose absence means "none": nothing is assumed in their place.
    const withoutDefault = new Set([
      'network', 'cni', 'access', 'egress', 'ingress', 'certManager', 'security', 'aws', 'gcp', 'azure',
      'network.subnets', 'access.deployer', 'access.deployer.principal', 'certManager.acme',
      'nodePools[].taints[].value', 'namespaces[].allow[].from.namespace', 'namespaces[].allow[].from.app',
      'namespaces[].allow[].from.cidr', 'namespaces[].egress[].cidr', 'namespaces[].egress[].fqdns',
      'stateBackend.dynamodbTable', 'stateBackend.kmsKeyId', 'aws.accountId', 'azure.subscriptionId',
      'azure.systemPool', 'fleet.defaults',
    ]);
    const undocumented = fields
      .filter((f) => f.optional && f.defaultText === undefined)
      .map((f) => pathOf(f.iface, f.property))
      .filter((p) => !withoutDefault.has(p));
    expect(undocumented).toEqual([]);
  });

  it('lists every defaulted field in the README spec reference with its default', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const path of [...Object.keys(DEFAULTS), ...Object.keys(DERIVED_DEFAULTS)]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${path}\` |`));
      expect(row, `README has no row for ${path}`).toBeDefined();
      if (path in DEFAULTS) {
        const value = DEFAULTS[path as DefaultPath];
        const shown = typeof value === 'object' ? Object.values(value as object).flatMap((v) => (typeof v === 'object' ? Object.values(v) : [v])) : [value];
        for (const v of shown) expect(row, `README row of ${path} lacks ${JSON.stringify(v)}`).toContain(typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    }
  });
});

describe('resolving a minimal spec applies the defaults', () => {
  const profiles: Profile[] = ['production', 'development'];
  const cases = CLOUDS.flatMap((cloud) => profiles.map((profile) => [cloud, profile] as const));

  it.each(cases)('%s / %s', (cloud, profile) => {
    const spec: ClusterSpec = { ...MINIMAL[cloud], profile };
    const r = resolveCluster(spec);
    const d = (path: DefaultPath): unknown => defaultFor(path, cloud, profile);
    expect(r.kubernetesVersion).toBe(d('kubernetesVersion'));
    expect(r.zones.count).toBe(d('zoneCount'));
    expect(r.network.vpcCidr).toBe(d('network.vpcCidr'));
    expect(r.network.serviceCidr).toBe(d('network.serviceCidr'));
    expect(r.cni.kind).toBe(d('cni.kind'));
    expect(r.cni.mode).toBe(DEFAULTS['cni.mode'].cloud[cloud]);
    expect(r.cni.encryption).toBe(d('cni.encryption'));
    expect(r.cni.hubble).toBe(d('cni.hubble'));
    expect(r.access.admins).toEqual(d('access.admins'));
    expect(r.access.deployer.network).toEqual(d('access.deployer.network'));
    expect(r.nodePools.map((p) => p.name)).toEqual(['general']);
    const pool = r.nodePools[0]!;
    expect(pool.machineType).toBe(d('nodePools[].machineType'));
    expect(pool.total.min).toBe(d('nodePools[].min'));
    expect(pool.total.max).toBe(d('nodePools[].max'));
    expect(pool.total.desired).toBe(d('nodePools[].min'));
    expect(pool.sizeScope).toBe(d('nodePools[].sizeScope'));
    expect(pool.maxPods).toBe(d('nodePools[].maxPods'));
    expect(pool.diskSizeGiB).toBe(d('nodePools[].diskSizeGiB'));
    expect(pool.spot).toBe(d('nodePools[].spot'));
    expect(pool.labels).toEqual(d('nodePools[].labels'));
    expect(r.egress.nat).toBe(d('egress.nat'));
    expect(r.ingress).toMatchObject({ controller: d('ingress.controller'), exposure: d('ingress.exposure'), externalDnsZones: d('ingress.externalDnsZones') });
    if (cloud === 'gcp') expect(r.ingress.gatewayClasses).toEqual(['gke-l7-rilb', ...(d('gcp.gatewayClasses') as string[])]);
    expect(r.certManager.enabled).toBe(d('certManager.enabled'));
    expect(r.namespaces).toEqual(d('namespaces'));
    expect(r.stateBackend).toEqual({ kind: 'local', directory: d('stateBackend.directory') });
    expect(r.security).toEqual({ logRetentionDays: d('security.logRetentionDays'), hostEncryption: d('security.hostEncryption') });
    expect(r.profile).toBe(profile);
    if (cloud === 'gcp') {
      expect(r.network.podCidr).toBe(d('network.podCidr'));
      expect(r.network.controlPlaneCidr).toBe(d('network.controlPlaneCidr'));
      expect(r.network.subnets.nodes).toBe(`10.0.0.0/${d('network.subnets.nodePrefix')}`);
      // The internal shared Gateway is regional: its proxy-only subnet follows the node subnet.
      expect(r.network.subnets.proxyOnly).toBe(`10.0.16.0/${d('network.subnets.proxyOnlyPrefix')}`);
    }
    if (cloud === 'aws') {
      expect(r.network.subnets.private[0]).toBe(`10.0.0.0/${d('network.subnets.privatePrefix')}`);
      expect(r.network.subnets.public[0]!.endsWith(`/${d('network.subnets.publicPrefix')}`)).toBe(true);
    }
    if (cloud === 'azure') {
      expect(r.network.podCidr).toBe(d('network.podCidr'));
      expect(r.network.subnets.apiServer!.endsWith(`/${d('network.subnets.apiServerPrefix')}`)).toBe(true);
      expect(r.azure).toEqual({
        resourceGroupName: 'aks-test-rg',
        dnsPrefix: 'aks-test',
        systemPool: { machineType: d('azure.systemPool.machineType'), min: d('azure.systemPool.min'), max: d('azure.systemPool.max'), maxPods: d('nodePools[].maxPods'), diskSizeGiB: d('nodePools[].diskSizeGiB') },
      });
      expect(r.zones.names).toEqual(['1', '2', '3']);
    } else {
      expect(r.zones.names).toBeUndefined();
    }
  });

  it('applies item defaults inside namespaces, allowances and ports', () => {
    const r = resolveCluster({
      ...MINIMAL.aws,
      namespaces: [{ name: 'shop', allow: [{ from: { app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }] }],
    });
    expect(r.namespaces[0]).toEqual({
      name: 'shop',
      labels: DEFAULTS['namespaces[].labels'],
      baseline: DEFAULTS['namespaces[].baseline'],
      exposed: DEFAULTS['namespaces[].exposed'],
      denyMetadata: DEFAULTS['namespaces[].denyMetadata'].aws,
      allow: [{ from: { app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443, protocol: DEFAULTS['ports[].protocol'] }] }],
      egress: DEFAULTS['namespaces[].egress'],
    });
  });

  it('fills backend key prefixes', () => {
    const s3 = resolveCluster({ ...MINIMAL.aws, stateBackend: { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' } });
    expect(s3.stateBackend).toMatchObject({ keyPrefix: DEFAULTS['stateBackend.keyPrefix'] });
    const gcs = resolveCluster({ ...MINIMAL.gcp, stateBackend: { kind: 'gcs', bucket: 'acme-tfstate' } });
    expect(gcs.stateBackend).toMatchObject({ prefix: DEFAULTS['stateBackend.prefix'] });
  });

  it('applies the ACME defaults', () => {
    const r = resolveCluster({ ...MINIMAL.aws, certManager: { acme: { email: 'ops@example.com', dnsZones: ['example.com'] } } });
    expect(r.certManager.acme).toEqual({ email: 'ops@example.com', solver: DEFAULTS['certManager.acme.solver'], dnsZones: ['example.com'] });
  });
});

describe('profile relaxations', () => {
  it('are exactly the per-profile DEFAULTS entries, with the same values', () => {
    const perProfile = Object.entries(DEFAULTS).filter(
      ([, v]) => typeof v === 'object' && v !== null && 'production' in v && 'development' in v,
    );
    expect(PROFILE_RELAXATIONS.map((r) => r.path).sort()).toEqual(perProfile.map(([k]) => k).sort());
    for (const relaxation of PROFILE_RELAXATIONS) {
      expect(DEFAULTS[relaxation.path]).toEqual({ production: relaxation.production, development: relaxation.development });
      expect(relaxation.tradeOff.length).toBeGreaterThan(20);
    }
  });

  it('yield to values written in the spec', () => {
    const r = resolveCluster({
      ...MINIMAL.aws,
      profile: 'development',
      egress: { nat: 'per-zone' },
      security: { logRetentionDays: 400 },
      nodePools: [{ name: 'general', min: 3 }],
    });
    expect(r.egress.nat).toBe('per-zone');
    expect(r.security.logRetentionDays).toBe(400);
    expect(r.nodePools[0]!.total.min).toBe(3);
    expect(r.exceptions).toEqual([]);
  });
});
