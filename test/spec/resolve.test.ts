import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../constructs/spec';
import { MINIMAL, MIRRORS } from '../support/specs';

describe('node pool sizes in both scopes', () => {
  it('divides total counts over the zones, rounding up', () => {
    const r = resolveCluster({ ...MINIMAL.gcp, nodePools: [{ name: 'general', min: 2, max: 10, desired: 4 }] });
    expect(r.nodePools[0]!.total).toEqual({ min: 2, max: 10, desired: 4 });
    expect(r.nodePools[0]!.perZone).toEqual({ min: 1, max: 4, desired: 2 });
  });

  it('multiplies per-zone counts by the zones', () => {
    const r = resolveCluster({ ...MINIMAL.gcp, zoneCount: 2, nodePools: [{ name: 'general', sizeScope: 'perZone', min: 1, max: 5 }] });
    expect(r.nodePools[0]!.perZone).toEqual({ min: 1, max: 5, desired: 1 });
    expect(r.nodePools[0]!.total).toEqual({ min: 2, max: 10, desired: 2 });
  });

  it('uses the zone count of explicit zones', () => {
    const r = resolveCluster({ ...MINIMAL.aws, zones: ['eu-west-1a', 'eu-west-1b'], nodePools: [{ name: 'general', min: 4, max: 8 }] });
    expect(r.zones).toEqual({ count: 2, names: ['eu-west-1a', 'eu-west-1b'] });
    expect(r.nodePools[0]!.perZone).toEqual({ min: 2, max: 4, desired: 2 });
  });
});

describe('resolved network', () => {
  it('puts the DNS service at the tenth address of the service range', () => {
    expect(resolveCluster({ ...MINIMAL.azure, network: { serviceCidr: '10.100.0.0/16', vpcCidr: '10.0.0.0/16' } }).network.dnsServiceIp).toBe('10.100.0.10');
  });

  it('has a pod range only in modes that use one', () => {
    expect(resolveCluster(MINIMAL.aws).network.podCidr).toBeUndefined();
    expect(resolveCluster({ ...MINIMAL.aws, cni: { kind: 'calico', mode: 'vxlan' } }).network.podCidr).toBe('100.64.0.0/14');
  });

  it('has a control-plane range only on GKE', () => {
    expect(resolveCluster(MINIMAL.gcp).network.controlPlaneCidr).toBe('172.16.0.0/28');
    expect(resolveCluster(MINIMAL.aws).network.controlPlaneCidr).toBeUndefined();
  });
});

describe('egress', () => {
  it.each([
    ['per-zone', 3],
    ['single', 1],
    ['none', 0],
  ] as const)('%s reserves %i static egress addresses', (nat, count) => {
    expect(resolveCluster({ ...MINIMAL.aws, egress: { nat, registryMirrors: MIRRORS } }).egress.staticIpCount).toBe(count);
  });

  it('keeps the registry mirrors', () => {
    expect(resolveCluster({ ...MINIMAL.gcp, egress: { registryMirrors: MIRRORS } }).egress.registryMirrors).toEqual(MIRRORS);
    expect(resolveCluster(MINIMAL.gcp).egress.registryMirrors).toEqual({});
  });
});

describe('access', () => {
  it('keeps the endpoint private for in-network deployers', () => {
    const r = resolveCluster(MINIMAL.aws);
    expect(r.access.deployer).toEqual({ network: { from: 'network' }, publicEndpoint: false, publicCidrs: [], privateCidrs: ['10.0.0.0/16'] });
  });

  it('admits the named private runner ranges instead of the VPC range', () => {
    const r = resolveCluster({ ...MINIMAL.aws, access: { deployer: { network: { from: 'network', privateCidrs: ['10.50.0.0/24'] } } } });
    expect(r.access.deployer.privateCidrs).toEqual(['10.50.0.0/24']);
  });

  it('grants cluster admin to the admins and the deployer, once each', () => {
    const admin = 'arn:aws:iam::111122223333:role/admins';
    const deployer = 'arn:aws:iam::111122223333:role/deployer';
    expect(resolveCluster({ ...MINIMAL.aws, access: { admins: [admin], deployer: { principal: deployer } } }).access.clusterAdmins).toEqual([admin, deployer]);
    expect(resolveCluster({ ...MINIMAL.aws, access: { admins: [deployer], deployer: { principal: deployer } } }).access.clusterAdmins).toEqual([deployer]);
    expect(resolveCluster({ ...MINIMAL.aws, access: { admins: [admin] } }).access.clusterAdmins).toEqual([admin]);
  });

  it('opens the public endpoint to the listed CIDRs only, and records it', () => {
    const r = resolveCluster({
      ...MINIMAL.aws,
      access: { deployer: { network: { from: 'cidrs', cidrs: ['81.2.69.160/32'] }, principal: 'arn:aws:iam::123456789012:role/deployer' } },
    });
    expect(r.access.deployer.publicEndpoint).toBe(true);
    expect(r.access.deployer.publicCidrs).toEqual(['81.2.69.160/32']);
    expect(r.access.deployer.principal).toBe('arn:aws:iam::123456789012:role/deployer');
    expect(r.exceptions).toContainEqual(expect.objectContaining({ path: 'access.deployer.network', source: 'spec', effect: expect.stringContaining('81.2.69.160/32') }));
  });
});

describe('posture exceptions', () => {
  it('is empty for a production cluster with the defaults', () => {
    for (const cloud of ['aws', 'gcp', 'azure'] as const) expect(resolveCluster(MINIMAL[cloud]).exceptions).toEqual([]);
  });

  it('lists development relaxations with source profile', () => {
    const r = resolveCluster({ ...MINIMAL.aws, profile: 'development' });
    expect(r.exceptions.map((e) => [e.path, e.source])).toEqual([
      ['egress.nat', 'profile'],
      ['nodePools[0].min', 'profile'],
      ['security.logRetentionDays', 'profile'],
    ]);
  });

  it('lists the AKS Free tier of the development profile, which no other cloud has', () => {
    const azure = resolveCluster({ ...MINIMAL.azure, profile: 'development' });
    expect(azure.exceptions).toContainEqual({ path: 'profile', value: 'development', secureValue: 'production', source: 'spec', effect: 'the AKS control plane runs on the Free tier, without an uptime SLA' });
    expect(resolveCluster({ ...MINIMAL.gcp, profile: 'development' }).exceptions.map((e) => e.path)).not.toContain('profile');
  });

  it('lists explicit opt-outs with source spec', () => {
    const r = resolveCluster({
      ...MINIMAL.azure,
      egress: { nat: 'single' },
      security: { hostEncryption: false, logRetentionDays: 90 },
      namespaces: [{ name: 'legacy', baseline: false, denyMetadata: false }],
    });
    expect(r.exceptions.map((e) => [e.path, e.value, e.source])).toEqual([
      ['egress.nat', 'single', 'spec'],
      ['security.logRetentionDays', 90, 'spec'],
      ['security.hostEncryption', false, 'spec'],
      ['namespaces[0].baseline', false, 'spec'],
      ['namespaces[0].denyMetadata', false, 'spec'],
    ]);
  });
});

describe('phases and tags', () => {
  it('has a cni phase only for self-installed CNIs, a platform phase always (the ingress path), and drops empty phases', () => {
    expect(resolveCluster(MINIMAL.gcp).phases).toEqual(['cluster', 'nodes', 'platform', 'policies']);
    expect(resolveCluster({ ...MINIMAL.aws, cni: { kind: 'cilium' } }).phases).toEqual(['cluster', 'cni', 'nodes', 'platform', 'policies']);
    expect(resolveCluster({ ...MINIMAL.gcp, certManager: { enabled: false } }).phases).toEqual(['cluster', 'nodes', 'platform']);
    expect(resolveCluster({ ...MINIMAL.azure, certManager: { enabled: false } }).phases).toEqual(['cluster', 'nodes', 'platform']);
  });

  it('adds the polycluster tags to the spec tags', () => {
    const r = resolveCluster({ ...MINIMAL.gcp, tags: { team: 'payments' }, profile: 'development' });
    expect(r.tags).toEqual({ team: 'payments', 'polycluster-cluster': 'gke-test', 'polycluster-profile': 'development' });
  });

  it('keeps cloud settings of its own cloud only', () => {
    expect(resolveCluster(MINIMAL.gcp).gcp).toEqual({ project: 'acme-platform' });
    expect(resolveCluster({ ...MINIMAL.aws, aws: { accountId: '123456789012' } }).aws).toEqual({ accountId: '123456789012' });
    expect(resolveCluster(MINIMAL.aws).azure).toBeUndefined();
  });

  it('is deterministic and does not share state between calls', () => {
    expect(JSON.stringify(resolveCluster(MINIMAL.azure))).toBe(JSON.stringify(resolveCluster(MINIMAL.azure)));
  });
});
