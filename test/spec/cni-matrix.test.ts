import { describe, expect, it } from 'vitest';
import {
  checkSpec,
  CLOUDS,
  CNI_CELLS,
  CNI_MODES,
  CNI_REFUSALS,
  lookupCni,
  resolveCluster,
  type Cloud,
  type CniKind,
} from '../../constructs/spec';
import { MINIMAL } from '../support/specs';

/** What each cell must resolve to; `refused` holds a substring of the reason. */
type Expected =
  | {
      readonly cniStack: boolean;
      readonly podRange: boolean;
      readonly kpr: boolean;
      readonly hostNetworkWebhooks: boolean;
      readonly enforcer: string;
      readonly ciliumTaint: boolean;
    }
  | { readonly refused: string; readonly alternative: string };

const ok = (
  cniStack: boolean,
  podRange: boolean,
  kpr: boolean,
  enforcer: string,
  extra: Partial<{ hostNetworkWebhooks: boolean; ciliumTaint: boolean }> = {},
): Expected => ({ cniStack, podRange, kpr, enforcer, hostNetworkWebhooks: false, ciliumTaint: false, ...extra });
const no = (refused: string, alternative: string): Expected => ({ refused, alternative });

/** The matrix of REFERENCE.md, restated independently of the implementation. */
const MATRIX: Record<Cloud, Record<string, Expected>> = {
  aws: {
    'cloud/vpc-cni': ok(false, false, false, 'the VPC CNI network policy agent'),
    'cloud/dataplane-v2': no('cloud networking of GKE', 'vpc-cni'),
    'cloud/azure-cilium': no('cloud networking of AKS', 'vpc-cni'),
    'cilium/eni': ok(true, false, true, 'Cilium', { ciliumTaint: true }),
    'cilium/chaining': ok(true, false, false, 'Cilium', { ciliumTaint: true }),
    'cilium/overlay': ok(true, true, true, 'Cilium', { hostNetworkWebhooks: true, ciliumTaint: true }),
    'cilium/dataplane-v2': no('GKE-only', 'eni'),
    'cilium/azure-cilium': no('AKS-only', 'eni'),
    'calico/policy-only': ok(true, false, false, 'Calico'),
    'calico/vxlan': ok(true, true, false, 'Calico', { hostNetworkWebhooks: true }),
    'flannel/vxlan': no('EKS never allocates node pod CIDRs', 'calico with mode vxlan'),
  },
  gcp: {
    'cloud/vpc-cni': no('cloud networking of EKS', 'dataplane-v2'),
    'cloud/dataplane-v2': ok(false, true, true, 'GKE Dataplane V2'),
    'cloud/azure-cilium': no('cloud networking of AKS', 'dataplane-v2'),
    'cilium/eni': no('does not support self-installed Cilium on GKE', 'dataplane-v2'),
    'cilium/chaining': no('does not support self-installed Cilium on GKE', 'dataplane-v2'),
    'cilium/overlay': no('does not support self-installed Cilium on GKE', 'dataplane-v2'),
    'cilium/dataplane-v2': ok(false, true, true, 'GKE Dataplane V2'),
    'cilium/azure-cilium': no('AKS-only', 'dataplane-v2'),
    'calico/policy-only': ok(false, true, false, 'GKE network policy (Calico)'),
    'calico/vxlan': no('GKE does not allow replacing its CNI', 'policy-only'),
    'flannel/vxlan': no('GKE does not allow replacing its CNI', 'Dataplane V2'),
  },
  azure: {
    'cloud/vpc-cni': no('cloud networking of EKS', 'azure-cilium'),
    'cloud/dataplane-v2': no('cloud networking of GKE', 'azure-cilium'),
    'cloud/azure-cilium': ok(false, true, true, 'Azure CNI powered by Cilium'),
    'cilium/eni': no('AWS-only', 'azure-cilium'),
    'cilium/chaining': no("Azure CNI's own data plane", 'azure-cilium'),
    'cilium/overlay': ok(true, true, false, 'Cilium', { ciliumTaint: true }),
    'cilium/dataplane-v2': no('GKE-only', 'azure-cilium'),
    'cilium/azure-cilium': ok(false, true, true, 'Azure CNI powered by Cilium'),
    'calico/policy-only': ok(false, true, false, 'AKS network policy (Calico)'),
    'calico/vxlan': ok(true, true, false, 'Calico'),
    'flannel/vxlan': no('AKS sets no node pod CIDR with network_plugin none', 'calico with mode vxlan'),
  },
};

const combos = CLOUDS.flatMap((cloud) =>
  (Object.keys(CNI_MODES) as CniKind[]).flatMap((kind) => CNI_MODES[kind].map((mode) => [cloud, kind, mode] as const)),
);

describe('the CNI support matrix', () => {
  it('restates every cloud × kind × mode exactly once', () => {
    for (const cloud of CLOUDS) expect(Object.keys(MATRIX[cloud]).sort()).toEqual(combos.filter((c) => c[0] === cloud).map((c) => `${c[1]}/${c[2]}`).sort());
  });

  it('has an explicit cell or refusal for every combination, never both', () => {
    for (const [cloud, kind, mode] of combos) {
      const cells = CNI_CELLS.filter((c) => c.cloud === cloud && c.kind === kind && c.mode === mode).length;
      const refusals = CNI_REFUSALS.filter((r) => r.cloud === cloud && r.kind === kind && r.mode === mode).length;
      expect(cells + refusals, `${cloud} ${kind} ${mode}`).toBe(1);
    }
  });

  it.each(combos)('%s %s mode %s', (cloud, kind, mode) => {
    const expected = MATRIX[cloud][`${kind}/${mode}`]!;
    const spec = { ...MINIMAL[cloud], cni: { kind, mode }, namespaces: [{ name: 'apps' }] };
    if ('refused' in expected) {
      expect(checkSpec(spec)).toContainEqual({
        path: 'cni.mode',
        value: mode,
        rule: expect.stringContaining(expected.refused),
        fix: expect.stringMatching(new RegExp(`^choose .*${expected.alternative}`)),
      });
      return;
    }
    const r = resolveCluster(spec);
    expect(r.cni.kind).toBe(kind);
    expect(r.cni.mode).toBe(mode);
    expect(r.cni.selfInstalled).toBe(expected.cniStack);
    expect(r.phases.includes('cni')).toBe(expected.cniStack);
    expect(r.network.podCidr !== undefined).toBe(expected.podRange);
    expect(r.cni.kubeProxyReplacement).toBe(expected.kpr);
    expect(r.cni.webhooks.hostNetwork).toBe(expected.hostNetworkWebhooks);
    expect(r.cni.policyEnforcer).toBe(expected.enforcer);
    const tainted = r.nodePools.every((p) => p.taints.some((t) => t.key === 'node.cilium.io/agent-not-ready' && t.effect === 'NoExecute'));
    expect(tainted).toBe(expected.ciliumTaint);
  });

  it('refuses the default mode of a kind with the kind as the path', () => {
    expect(checkSpec({ ...MINIMAL.gcp, cni: { kind: 'flannel' } })).toContainEqual({
      path: 'cni.kind',
      value: 'flannel',
      rule: expect.stringContaining('cannot run on gcp: GKE does not allow replacing its CNI'),
      fix: expect.stringContaining('choose cni.kind cloud'),
    });
  });

  it('refuses unknown modes with the modes that exist on that cloud', () => {
    expect(lookupCni('aws', 'cilium', 'ebpf')).toEqual({ ok: false, why: 'unknown', reason: 'is not a cilium mode', alternative: 'one of eni, chaining, overlay' });
    expect(checkSpec({ ...MINIMAL.azure, cni: { kind: 'calico', mode: 'bgp' } })).toContainEqual({
      path: 'cni.mode',
      value: 'bgp',
      rule: 'is not a calico mode',
      fix: 'choose one of policy-only, vxlan',
    });
  });

  it('defaults to the recommended mode of each kind per cloud', () => {
    expect(resolveCluster({ ...MINIMAL.aws, cni: { kind: 'cilium' } }).cni.mode).toBe('eni');
    expect(resolveCluster({ ...MINIMAL.gcp, cni: { kind: 'cilium' } }).cni.mode).toBe('dataplane-v2');
    expect(resolveCluster({ ...MINIMAL.azure, cni: { kind: 'cilium' } }).cni.mode).toBe('azure-cilium');
    expect(resolveCluster({ ...MINIMAL.gcp, cni: { kind: 'calico' } }).cni.mode).toBe('policy-only');
  });
});

describe('CNI options', () => {
  it('turns kube-proxy replacement off where it is optional', () => {
    const r = resolveCluster({ ...MINIMAL.aws, cni: { kind: 'cilium', mode: 'eni', kubeProxyReplacement: false } });
    expect(r.cni.kubeProxyReplacement).toBe(false);
  });

  it.each([
    ['aws', { kind: 'cloud', kubeProxyReplacement: true }, 'cni.kubeProxyReplacement', 'is not available with cloud mode vpc-cni on aws'],
    ['azure', { kind: 'cilium', mode: 'overlay', kubeProxyReplacement: true }, 'cni.kubeProxyReplacement', 'azurerm provider cannot disable kube-proxy'],
    ['gcp', { kind: 'cloud', kubeProxyReplacement: false }, 'cni.kubeProxyReplacement', 'cannot be turned off'],
    ['aws', { kind: 'cilium', mode: 'chaining', encryption: 'wireguard' }, 'cni.encryption', 'is not available with cilium mode chaining'],
    ['aws', { kind: 'calico', mode: 'vxlan', hubble: true }, 'cni.hubble', 'Hubble comes with Cilium'],
    ['azure', { kind: 'calico', mode: 'policy-only', encryption: 'wireguard' }, 'cni.encryption', "AKS's managed Calico policy has no transparent encryption"],
    ['azure', { kind: 'cloud', hubble: true }, 'cni.hubble', 'Advanced Container Networking Services'],
    ['gcp', { kind: 'calico', hubble: true }, 'cni.hubble', 'Dataplane V2'],
  ] as const)('%s %j is refused at %s', (cloud, cni, path, rule) => {
    expect(checkSpec({ ...MINIMAL[cloud], cni })).toContainEqual(expect.objectContaining({ path, rule: expect.stringContaining(rule) }));
  });

  it.each([
    ['aws', { kind: 'cilium', mode: 'eni', encryption: 'wireguard', hubble: true }],
    ['aws', { kind: 'calico', mode: 'policy-only', encryption: 'wireguard' }],
    ['aws', { kind: 'calico', mode: 'vxlan', encryption: 'wireguard' }],
    ['gcp', { kind: 'cloud', encryption: 'wireguard', hubble: true }],
    ['azure', { kind: 'cilium', mode: 'overlay', encryption: 'wireguard', hubble: true }],
    ['azure', { kind: 'calico', mode: 'vxlan', encryption: 'wireguard' }],
  ] as const)('%s %j is accepted', (cloud, cni) => {
    const r = resolveCluster({ ...MINIMAL[cloud], cni });
    expect(r.cni.encryption).toBe(cni.encryption);
  });

  it.each(['aws', 'azure'] as const)('refuses Flannel on %s with the evidence: no released node pod-CIDR allocator', (cloud) => {
    expect(checkSpec({ ...MINIMAL[cloud], cni: { kind: 'flannel' } })).toContainEqual({
      path: 'cni.kind',
      value: 'flannel',
      rule: expect.stringContaining(
        `cannot run on ${cloud}: Flannel needs node.spec.podCIDR for every node, and the only maintained allocator, kubernetes-sigs/node-ipam-controller, has no released image or chart on registry.k8s.io`,
      ),
      fix: 'choose cni.kind calico with mode vxlan (Calico IPAM needs no node pod CIDR) or cilium with mode overlay (cluster-pool IPAM)',
    });
  });

  it('never leaves NetworkPolicies unenforced: Flannel, which enforces none, has no cell on any cloud', () => {
    expect(CNI_CELLS.filter((cell) => cell.kind === 'flannel')).toEqual([]);
    expect(CNI_REFUSALS.filter((r) => r.kind === 'flannel').map((r) => r.cloud).sort()).toEqual(['aws', 'azure', 'gcp']);
  });

  it('keeps a pool taint the user already set for the Cilium key', () => {
    const r = resolveCluster({
      ...MINIMAL.aws,
      cni: { kind: 'cilium' },
      nodePools: [{ name: 'general', taints: [{ key: 'node.cilium.io/agent-not-ready', value: 'true', effect: 'NoSchedule' }] }],
    });
    expect(r.nodePools[0]!.taints).toEqual([{ key: 'node.cilium.io/agent-not-ready', value: 'true', effect: 'NoSchedule' }]);
  });
});
