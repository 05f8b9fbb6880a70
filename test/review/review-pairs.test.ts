import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideAttribute, type ClusterSpec, type PolyCluster } from '../../constructs';
import { reviewReport } from '../../constructs/review';
import { MINIMAL, withSpec } from '../support/specs';
import { synthesisDir } from '../support/synthesis-dir';

const NAMESPACES: ClusterSpec['namespaces'] = [
  { name: 'payments', allow: [{ from: { namespace: 'shop', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }] },
  { name: 'shop', exposed: true },
];
const eks = (change: Partial<ClusterSpec> = {}): ClusterSpec => withSpec(MINIMAL.aws, { namespaces: NAMESPACES, ...change });
const gke = (change: Partial<ClusterSpec> = {}): ClusterSpec => withSpec(MINIMAL.gcp, change);

/** The report's parts: `## ` cluster sections with their `### ` and `#### ` headings. */
function sections(report: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of report.split(/\n(?=## )/).slice(1)) out.set(part.split('\n')[0]!.replace(/^## /, ''), part);
  return out;
}
const stackHeadings = (section: string): string[] => [...section.matchAll(/^#### `([^`]+)`/gm)].map((m) => m[1]!);

const dirs: string[] = [];
async function dir(specs: readonly ClusterSpec[], options: { records?: boolean; beforeSynth?: (clusters: readonly PolyCluster[]) => void } = {}): Promise<string> {
  const root = await synthesisDir(specs, options);
  dirs.push(root);
  return root;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run review on known base/head pairs', () => {
  let base: string;
  beforeAll(async () => {
    base = await dir([eks(), gke()]);
  });

  it('reports nothing for two identical syntheses', async () => {
    const report = reviewReport({ base, head: base });
    expect(sections(report).size).toBe(0);
    expect(report).toContain('Nothing changed: the two syntheses are identical for every cluster.');
    expect(report).toMatch(/\| `eks-test` \| unchanged \| \+0 ~0 -0 \|/);
  });

  it('describes a synthesis without a base: every cluster with its stacks, posture, manifests, probes and network', () => {
    const report = reviewReport({ head: base });
    const parts = sections(report);
    expect([...parts.keys()]).toEqual(['`eks-test` (aws, eu-west-1)', '`gke-test` (gcp, europe-west1)']);
    for (const part of parts.values()) {
      expect([...part.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual(['Terraform', 'Security posture', 'Kubernetes manifests', 'Reachability', 'Network']);
      expect(part).toContain('```mermaid\nflowchart TB');
    }
    expect(parts.get('`eks-test` (aws, eu-west-1)')).toMatch(/- `eks-test-cluster`: \d+ resources/);
    expect(parts.get('`eks-test` (aws, eu-west-1)')).toMatch(/probes judged by the policy evaluator/);
  });

  it('says loudly that nothing was compared when the base could not be synthesized', () => {
    const report = reviewReport({ head: base, baseMissing: true });
    expect(report.split('\n').slice(0, 4).join('\n')).toBe(
      '# polycluster plan review\n\n> [!CAUTION]\n> The base did not synthesize, so nothing was compared: this report describes the head alone and shows no change, replacement or destruction. Read the plan with `cdktf diff`, or fix the base and re-run.',
    );
    expect(reviewReport({ head: base })).not.toContain('[!CAUTION]');
  });

  it('warns loudly when a new service range replaces the EKS cluster, above every cluster section', async () => {
    const head = await dir([eks({ network: { serviceCidr: '172.21.0.0/16' } }), gke()]);
    const report = reviewReport({ base, head });
    const parts = sections(report);
    expect([...parts.keys()]).toEqual(['`eks-test` (aws, eu-west-1)']);
    const section = parts.get('`eks-test` (aws, eu-west-1)')!;
    expect(section).toMatch(/> \[!CAUTION\]\n> - \*\*REPLACES cluster\*\* `aws_eks_cluster\.[^`]+` \(`ControlPlane\/Cluster` in `eks-test-cluster`\): `kubernetes_network_config\.service_ipv4_cidr`/);
    expect(report.indexOf('REPLACES cluster')).toBeLessThan(report.indexOf('## `eks-test`'));
  });

  it('shows a CNI switch as the new cni stack and the managed add-ons it removes, without replacing the cluster', async () => {
    const head = await dir([eks({ cni: { kind: 'cilium', mode: 'eni' } }), gke()]);
    const section = sections(reviewReport({ base, head })).get('`eks-test` (aws, eu-west-1)')!;
    expect(section).toMatch(/#### `eks-test-cni` \(new stack\)/);
    expect(section).toMatch(/\| - destroy \| `aws_eks_addon\.[^`]+` \|/);
    expect(section).toMatch(/`tags\.polycluster:cni`: `cloud\/vpc-cni\/aws` → `cilium\/eni\/aws`|`tags\.polycluster:cni`/);
    expect(section).not.toContain('REPLACES cluster');
  });

  it('warns when a node pool change replaces or rolls its nodes, and touches only the nodes stack', async () => {
    const head = await dir([eks({ nodePools: [{ name: 'general', machineType: 'm7i.xlarge' }] }), gke()]);
    const section = sections(reviewReport({ base, head })).get('`eks-test` (aws, eu-west-1)')!;
    expect(stackHeadings(section)).toEqual(['eks-test-nodes']);
    expect(section).toMatch(/\*\*(REPLACES|rolls the nodes of) node pool\*\*/);
    expect(section).toContain('m7i.xlarge');
  });

  it('warns that a new VPC range replaces the network and its subnets', async () => {
    const head = await dir([eks(), gke({ network: { vpcCidr: '10.8.0.0/16' } })]);
    const parts = sections(reviewReport({ base, head }));
    expect([...parts.keys()]).toEqual(['`gke-test` (gcp, europe-west1)']);
    expect(parts.get('`gke-test` (gcp, europe-west1)')).toMatch(/\*\*REPLACES subnet\*\* `google_compute_subnetwork\./);
  });

  it('shows an opened endpoint as a posture change with the spec opt-out behind it', async () => {
    const head = await dir([eks({ access: { deployer: { network: { from: 'cidrs', cidrs: ['52.94.76.0/24'] } } } }), gke()]);
    const section = sections(reviewReport({ base, head })).get('`eks-test` (aws, eu-west-1)')!;
    expect(section).toContain('**Posture changes:**');
    expect(section).toMatch(/52\.94\.76\.0\/24/);
    expect(section).toContain('access.deployer.network');
    expect(section).not.toContain('no spec opt-out behind them');
    expect(section).toContain('deployer -->|public endpoint| cp');
    expect(section).toContain('network before this change');
  });

  it('shows a changed allowance as manifest changes and as reachability changes from the evaluator', async () => {
    const moved: ClusterSpec['namespaces'] = [
      { name: 'payments', allow: [{ from: { namespace: 'shop', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 9443 }] }] },
      { name: 'shop', exposed: true },
    ];
    const head = await dir([eks({ namespaces: moved }), gke()]);
    const section = sections(reviewReport({ base, head })).get('`eks-test` (aws, eu-west-1)')!;
    expect(section).toMatch(/~ update `NetworkPolicy payments\/[^`]+` \(namespace-payments\.yaml\)/);
    expect(section).toMatch(/`[^`]*: `8443` → `9443`/);
    expect(section).toMatch(/\| `shop\/checkout -> payments\/payments TCP\/8443` \| allowed \| (denied|—) \|/);
    expect(section).toMatch(/\| `shop\/checkout -> payments\/payments TCP\/9443` \| (denied|—) \| allowed \|/);
    expect(stackHeadings(section)).toEqual(['eks-test-policies']);
  });

  it('warns that removing a cluster destroys it with its network and encryption key', async () => {
    const head = await dir([eks()]);
    const report = reviewReport({ base, head });
    const section = sections(report).get('`gke-test` (gcp, europe-west1) (removed cluster)')!;
    for (const category of ['cluster', 'network', 'encryption key', 'node pool']) expect(section).toContain(`**DESTROYS ${category}**`);
    expect(section).toMatch(/#### `gke-test-cluster` \(stack removed/);
  });

  it('compares a base synthesized before cluster records existed, saying what it cannot compare', async () => {
    const old = mkdtempSync(join(tmpdir(), 'polycluster-review-old-'));
    dirs.push(old);
    cpSync(base, old, { recursive: true });
    rmSync(join(old, 'dist', 'clusters'), { recursive: true });
    const head = await dir([eks({ namespaces: [NAMESPACES[1]!] }), gke()]);
    const section = sections(reviewReport({ base: old, head })).get('`eks-test` (aws, eu-west-1)')!;
    expect(section).toContain('no cluster record (dist/clusters/eks-test.json) in the base synthesis');
    expect(section).toMatch(/- destroy `NetworkPolicy payments\//);
  });

  it('flags a weakened setting that no spec opt-out explains (an override or a code change)', async () => {
    const head = mkdtempSync(join(tmpdir(), 'polycluster-review-tampered-'));
    dirs.push(head);
    cpSync(base, head, { recursive: true });
    const file = join(head, 'cdktf.out', 'stacks', 'eks-test-cluster', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const cluster = Object.values(json.resource.aws_eks_cluster)[0] as { vpc_config: Record<string, unknown> };
    cluster.vpc_config.endpoint_public_access = true;
    cluster.vpc_config.public_access_cidrs = ['0.0.0.0/0'];
    writeFileSync(file, JSON.stringify(json));
    const report = reviewReport({ base, head });
    expect(report).toMatch(/\| `eks-test` \| changed \| \+0 ~1 -0 \| — \| ❌ 1 unexplained \|/);
    expect(sections(report).get('`eks-test` (aws, eu-west-1)')).toContain('no spec opt-out behind them (an override or a code change)');
  });

  it('lists escape-hatch overrides, and flags what they weaken when no opt-out explains it', async () => {
    const head = await dir([eks(), gke()], {
      beforeSynth: (clusters) => void overrideAttribute(clusters[0]!, 'cluster', { type: 'aws_eks_cluster' }, 'vpc_config.endpoint_public_access', true),
    });
    const report = reviewReport({ base, head });
    const section = sections(report).get('`eks-test` (aws, eu-west-1)')!;
    expect(section).toMatch(/> \[!WARNING\]\n> 1 escape-hatch override\(s\) write attributes the spec does not control:\n> - `aws_eks_cluster\.[^`]+` `vpc_config\.endpoint_public_access` = `true` \(in `eks-test-cluster`\)/);
    expect(section).toContain('no spec opt-out behind them (an override or a code change): API endpoint');
    expect(section).toMatch(/- output `polycluster_overrides`: _\(absent\)_ → `\[\{"address":"aws_eks_cluster\./);
  });
});
