import { describe, expect, it } from 'vitest';
import { mergeSpecs, type ClusterSpec, type SpecDefaults } from '../../constructs/spec';

const cluster = (extra: Partial<ClusterSpec> = {}): ClusterSpec => ({ name: 'c1', cloud: 'aws', region: 'eu-west-1', ...extra });

describe('mergeSpecs: organisation defaults under a cluster spec', () => {
  it('returns the cluster unchanged without defaults', () => {
    const c = cluster();
    expect(mergeSpecs(undefined, c)).toBe(c);
  });

  it('1. lets the cluster win, treating undefined as not written', () => {
    const merged = mergeSpecs({ region: 'us-east-1', kubernetesVersion: '1.33', profile: 'development' }, cluster({ kubernetesVersion: '1.34', profile: undefined }));
    expect(merged.region).toBe('eu-west-1');
    expect(merged.kubernetesVersion).toBe('1.34');
    expect(merged.profile).toBe('development');
  });

  it('2. merges plain objects key by key, recursively', () => {
    const merged = mergeSpecs(
      { tags: { owner: 'platform', env: 'prod' }, network: { serviceCidr: '172.21.0.0/16', subnets: { publicPrefix: 24 } } },
      cluster({ tags: { env: 'staging', team: 'payments' }, network: { vpcCidr: '10.8.0.0/16', subnets: { privatePrefix: 20 } } }),
    );
    expect(merged.tags).toEqual({ owner: 'platform', env: 'staging', team: 'payments' });
    expect(merged.network).toEqual({ serviceCidr: '172.21.0.0/16', vpcCidr: '10.8.0.0/16', subnets: { publicPrefix: 24, privatePrefix: 20 } });
  });

  it('3. replaces a discriminated object whole when the member differs', () => {
    const defaults: SpecDefaults = {
      stateBackend: { kind: 's3', bucket: 'org-state', region: 'eu-west-1' },
      cni: { kind: 'cilium', mode: 'eni', encryption: 'wireguard' },
      access: { deployer: { network: { from: 'cidrs', cidrs: ['203.0.113.0/24'] } } },
    };
    const merged = mergeSpecs(defaults, cluster({ stateBackend: { kind: 'local' }, cni: { kind: 'calico' }, access: { deployer: { network: { from: 'network' } } } }));
    expect(merged.stateBackend).toEqual({ kind: 'local' });
    expect(merged.cni).toEqual({ kind: 'calico' });
    expect(merged.access?.deployer?.network).toEqual({ from: 'network' });
  });

  it('3. merges a discriminated object when the member is the same or unnamed', () => {
    const defaults: SpecDefaults = { stateBackend: { kind: 's3', bucket: 'org-state', region: 'eu-west-1' }, cni: { kind: 'cilium', encryption: 'wireguard' } };
    const merged = mergeSpecs(defaults, cluster({ stateBackend: { kind: 's3', bucket: 'org-state', region: 'eu-west-1', keyPrefix: 'team-a' }, cni: { mode: 'chaining' } as ClusterSpec['cni'] }));
    expect(merged.stateBackend).toEqual({ kind: 's3', bucket: 'org-state', region: 'eu-west-1', keyPrefix: 'team-a' });
    expect(merged.cni).toEqual({ kind: 'cilium', encryption: 'wireguard', mode: 'chaining' });
  });

  it('4. merges node pools and namespaces by name, defaults first', () => {
    const merged = mergeSpecs(
      {
        nodePools: [{ name: 'general', machineType: 'm7i.xlarge', max: 10 }, { name: 'system' }],
        namespaces: [{ name: 'monitoring', exposed: false }],
      },
      cluster({
        nodePools: [{ name: 'batch', spot: true }, { name: 'general', max: 20 }],
        namespaces: [{ name: 'shop', exposed: true }, { name: 'monitoring', labels: { team: 'sre' } }],
      }),
    );
    expect(merged.nodePools).toEqual([
      { name: 'general', machineType: 'm7i.xlarge', max: 20 },
      { name: 'system' },
      { name: 'batch', spot: true },
    ]);
    expect(merged.namespaces).toEqual([
      { name: 'monitoring', exposed: false, labels: { team: 'sre' } },
      { name: 'shop', exposed: true },
    ]);
  });

  it('5. unions admins, organisation admins first, without duplicates', () => {
    const org = 'arn:aws:iam::123456789012:role/breakglass';
    const team = 'arn:aws:iam::123456789012:role/team';
    const merged = mergeSpecs({ access: { admins: [org] } }, cluster({ access: { admins: [team, org] } }));
    expect(merged.access?.admins).toEqual([org, team]);
  });

  it('6. replaces other lists', () => {
    const merged = mergeSpecs({ zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], ingress: { externalDnsZones: ['a.example.com'] } }, cluster({ zones: ['eu-west-1a', 'eu-west-1b'], ingress: { externalDnsZones: ['b.example.com'] } }));
    expect(merged.zones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(merged.ingress?.externalDnsZones).toEqual(['b.example.com']);
  });

  it("7. applies per-cloud blocks only to that cloud's clusters", () => {
    const defaults: SpecDefaults = { gcp: { project: 'acme-platform' }, azure: { subscriptionId: '00000000-0000-0000-0000-000000000000' }, aws: { accountId: '123456789012' } };
    expect(mergeSpecs(defaults, cluster())).toEqual({ ...cluster(), aws: { accountId: '123456789012' } });
    const gke = mergeSpecs(defaults, { name: 'g', cloud: 'gcp', region: 'europe-west1' });
    expect(gke.gcp).toEqual({ project: 'acme-platform' });
    expect(gke.aws).toBeUndefined();
    expect(gke.azure).toBeUndefined();
  });

  it('does not modify its inputs', () => {
    const defaults: SpecDefaults = { tags: { a: '1' }, nodePools: [{ name: 'general' }] };
    const c = cluster({ tags: { b: '2' }, nodePools: [{ name: 'general', max: 9 }] });
    const before = JSON.stringify([defaults, c]);
    mergeSpecs(defaults, c);
    expect(JSON.stringify([defaults, c])).toBe(before);
  });
});
