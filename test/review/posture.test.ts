import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../constructs';
import { describeValue, parseJsonAttribute, zoneCount } from '../../constructs/review/posture-json';
import { pathMatches } from '../../constructs/review/posture-model';
import { clusterPosture, otherExceptions, postureChanges, postureTable, type ClusterPosture, type PostureRow } from '../../constructs/review/posture';
import { clusterOfStack, type TerraformJson } from '../../constructs/review/synthesis';
import { awsClusters, azureClusters, gcpClusters, organisationDefaults } from '../../stacks/fleet';
import { MINIMAL, MIRRORS } from '../support/specs';
import { synthFleet, type StackJson } from '../support/synth';

/** A public range the spec validation accepts (documentation ranges are refused). */
const DEPLOYER_CIDR = '81.2.69.160/28';
const fromCidrs = { deployer: { network: { from: 'cidrs' as const, cidrs: [DEPLOYER_CIDR] } } };

/** Opt-outs of every kind the posture rows map: development profile, short retention, deployer CIDRs, no baseline, no host encryption. */
const OPT_OUTS: Record<'aws' | 'gcp' | 'azure', ClusterSpec> = {
  aws: {
    name: 'eks-dev',
    cloud: 'aws',
    region: 'eu-west-1',
    profile: 'development',
    security: { logRetentionDays: 7 },
    access: fromCidrs,
    cni: { kind: 'cilium', mode: 'eni' },
    namespaces: [{ name: 'shop' }, { name: 'open', baseline: false }],
  },
  gcp: { ...MINIMAL.gcp, name: 'gke-dev', profile: 'development', access: fromCidrs },
  azure: { ...MINIMAL.azure, name: 'aks-dev', profile: 'development', security: { hostEncryption: false }, access: fromCidrs },
};
const NO_EGRESS: ClusterSpec = { ...MINIMAL.aws, name: 'eks-no-egress', egress: { nat: 'none', registryMirrors: MIRRORS } };
/** Examples of stacks/fleet.ts that declare exceptions. */
const EXAMPLES = ['eks-cilium-prod', 'eks-calico-vxlan-prod', 'gke-calico-prod', 'aks-calico-prod', 'aks-cilium-prod'];
const examples = [...awsClusters, ...gcpClusters, ...azureClusters].filter((c) => EXAMPLES.includes(c.name));

const clusters: ClusterSpec[] = [MINIMAL.aws, MINIMAL.gcp, MINIMAL.azure, OPT_OUTS.aws, OPT_OUTS.gcp, OPT_OUTS.azure, NO_EGRESS, ...examples];
let stacks: Record<string, StackJson>;

/** The stacks of one cluster, deep-copied so a test may tamper with them. */
function stacksOf(cluster: string): Map<string, TerraformJson> {
  const names = clusters.map((c) => c.name);
  const out = new Map<string, TerraformJson>();
  for (const [name, json] of Object.entries(stacks)) if (clusterOfStack(name, names) === cluster) out.set(name, structuredClone(json));
  return out;
}

/** The only resource of a type in a stack set (that `where` accepts), for tampering. */
function only(set: Map<string, TerraformJson>, type: string, where: (r: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = [...set.values()].flatMap((json) => Object.values((json.resource as any)?.[type] ?? {})).filter((r) => where(r as Record<string, any>));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as Record<string, any>;
}

const row = (posture: ClusterPosture, item: string): PostureRow => {
  const found = posture.rows.find((r) => r.item === item);
  if (!found) throw new Error(`no row ${item}; have ${posture.rows.map((r) => r.item).join(', ')}`);
  return found;
};
const paths = (r: PostureRow): string[] => r.exceptions.map((e) => e.path);

beforeAll(async () => {
  stacks = (await synthFleet({ defaults: organisationDefaults, clusters })).stacks;
});

describe('secure defaults', () => {
  const expected = {
    aws: {
      name: MINIMAL.aws.name,
      items: ['API endpoint', 'Authentication', 'Secrets encryption', 'Control-plane logging', 'Workload identity', 'Policy enforcement', 'Namespace default deny', 'Egress IPs', 'Node metadata', 'Node public IPs', 'Flow logs'],
      values: {
        'API endpoint': 'private only, admits 10.0.0.0/16',
        'Secrets encryption': /^KMS key aws_kms_key\.\w+ \(rotation on\)$/,
        'Control-plane logging': '5 of 5 log types, 365-day retention',
        'Policy enforcement': 'VPC CNI network policy (vpc-cni add-on, enableNetworkPolicy)',
        'Egress IPs': '3 static IPs (per-zone NAT gateway)',
        'Node metadata': 'IMDSv2 required, hop limit 1 on 1 of 1 node group',
      },
    },
    gcp: {
      name: MINIMAL.gcp.name,
      items: ['API endpoint', 'Authentication', 'Secrets encryption', 'Control-plane logging', 'Workload identity', 'Policy enforcement', 'Namespace default deny', 'Egress IPs', 'Node metadata', 'Node public IPs', 'Flow logs'],
      values: {
        'API endpoint': 'private only, admits 10.0.0.0/16',
        'Secrets encryption': /^Cloud KMS key google_kms_crypto_key\.\w+ \(rotation every 90 days\)$/,
        'Control-plane logging': '5 of 5 log components, 365-day retention',
        'Policy enforcement': 'Dataplane V2 (Cilium-based, datapath_provider ADVANCED_DATAPATH)',
        'Egress IPs': '3 static IPs (per-zone Cloud NAT)',
        'Workload identity': 'Workload Identity (acme-platform.svc.id.goog)',
      },
    },
    azure: {
      name: MINIMAL.azure.name,
      items: ['API endpoint', 'Authentication', 'Secrets encryption', 'Control-plane logging', 'Control-plane tier', 'Workload identity', 'Policy enforcement', 'Namespace default deny', 'Egress IPs', 'Node public IPs', 'Host encryption'],
      values: {
        'API endpoint': 'private only (API server VNet integration)',
        'Secrets encryption': /^Key Vault key azurerm_key_vault_key\.\w+ \(rotation every P\d+D\)$/,
        'Control-plane logging': '7 of 7 log categories, 365-day retention',
        'Control-plane tier': 'Standard (uptime SLA)',
        'Policy enforcement': 'Cilium (Azure CNI powered by Cilium, network_policy cilium)',
        'Egress IPs': '3 static IPs (per-zone NAT gateway)',
        'Host encryption': 'on 2 of 2 node pools',
      },
    },
  } as const;

  it.each(Object.entries(expected))('%s: every row is secure and nothing is unexplained', (cloud, want) => {
    const posture = clusterPosture(stacksOf(want.name));
    expect(posture.cloud).toBe(cloud);
    expect(posture.rows.map((r) => r.item)).toEqual(want.items);
    expect(posture.rows.filter((r) => !r.secure)).toEqual([]);
    expect(posture.unexplained).toEqual([]);
    expect(posture.exceptions).toEqual([]);
    for (const [item, value] of Object.entries(want.values)) expect(row(posture, item).value, item).toMatch(value instanceof RegExp ? value : new RegExp(`^${value.replace(/[()|.+]/g, '\\$&')}$`));
  });

  it('counts no NAT as no internet egress, which is secure and needs no exception', () => {
    const posture = clusterPosture(stacksOf(NO_EGRESS.name));
    expect(row(posture, 'Egress IPs')).toMatchObject({ value: expect.stringMatching(/^none \(no internet egress, \d+ VPC endpoints\)$/), secure: true, exceptions: [] });
    expect(posture.unexplained).toEqual([]);
  });
});

describe('opt-outs in the spec', () => {
  it("does not let one namespace's baseline opt-out explain another namespace without a default deny", () => {
    const stacks = stacksOf('eks-dev');
    const policies = [...stacks.values()].flatMap((json) => Object.entries((json.resource?.['kubernetes_manifest'] ?? {}) as Record<string, any>));
    for (const [, body] of policies) {
      // The deny moves from shop to open: open (which opted out) has one, shop (which did not) has none.
      if (body.manifest?.kind === 'NetworkPolicy' && body.manifest.metadata?.namespace === 'shop' && body.manifest.metadata?.name === 'default-deny') {
        body.manifest.metadata.namespace = 'open';
      }
    }
    expect(policies.length).toBeGreaterThan(0);
    const posture = clusterPosture(stacks);
    expect(row(posture, 'Namespace default deny')).toMatchObject({ value: '1 of 2 managed namespaces; none in shop', secure: false });
    expect(posture.unexplained.map((r) => r.item)).toEqual(['Namespace default deny']);
  });


  it('EKS: each relaxed row names the opt-out that explains it', () => {
    const posture = clusterPosture(stacksOf('eks-dev'));
    expect(row(posture, 'API endpoint')).toMatchObject({ value: `public, open to ${DEPLOYER_CIDR}`, secure: false });
    expect(paths(row(posture, 'API endpoint'))).toEqual(['access.deployer.network']);
    expect(row(posture, 'Control-plane logging')).toMatchObject({ value: '5 of 5 log types, 7-day retention', secure: false });
    expect(paths(row(posture, 'Control-plane logging'))).toEqual(['security.logRetentionDays']);
    expect(paths(row(posture, 'Flow logs'))).toEqual(['security.logRetentionDays']);
    expect(row(posture, 'Egress IPs')).toMatchObject({ value: '1 static IP (single NAT gateway)', secure: false });
    expect(row(posture, 'Egress IPs').exceptions).toEqual([expect.objectContaining({ path: 'egress.nat', source: 'profile', value: '"single"' })]);
    expect(row(posture, 'Namespace default deny')).toMatchObject({ value: '1 of 2 managed namespaces; none in open', secure: false });
    expect(paths(row(posture, 'Namespace default deny'))).toEqual(['namespaces[1].baseline']);
    expect(row(posture, 'Policy enforcement')).toMatchObject({ value: expect.stringMatching(/^Cilium \(cni stack, cilium \d+\.\d+\.\d+\)$/), secure: true });
    expect(posture.unexplained).toEqual([]);
    // The development minimum of the node pool has no row of its own: it is listed under the rows.
    expect(otherExceptions(posture).map((e) => e.path)).toEqual(['nodePools[0].min']);
    expect(postureTable(posture)).toContain('| Declared opt-out | `nodePools[0].min` 1 instead of 3: a single node per pool may be all there is: no zone redundancy for workloads | ⚠️ opt-out (profile) |');
  });

  it('GKE: the public endpoint and the single NAT address are explained', () => {
    const posture = clusterPosture(stacksOf('gke-dev'));
    expect(row(posture, 'API endpoint')).toMatchObject({ value: `public, open to ${DEPLOYER_CIDR}`, secure: false });
    expect(paths(row(posture, 'API endpoint'))).toEqual(['access.deployer.network']);
    expect(row(posture, 'Egress IPs')).toMatchObject({ value: '1 static IP (single Cloud NAT)', secure: false });
    expect(paths(row(posture, 'Egress IPs'))).toEqual(['egress.nat']);
    expect(row(posture, 'Control-plane logging')).toMatchObject({ value: '5 of 5 log components, 30-day retention' });
    expect(paths(row(posture, 'Control-plane logging'))).toEqual(['security.logRetentionDays']);
    expect(posture.unexplained).toEqual([]);
  });

  it('AKS: the Free tier is the development profile and host encryption its own opt-out', () => {
    const posture = clusterPosture(stacksOf('aks-dev'));
    expect(row(posture, 'Control-plane tier')).toMatchObject({ value: 'Free (no uptime SLA)', secure: false });
    expect(paths(row(posture, 'Control-plane tier'))).toEqual(['profile']);
    expect(row(posture, 'Host encryption')).toMatchObject({ value: 'on 0 of 2 node pools', secure: false });
    expect(paths(row(posture, 'Host encryption'))).toEqual(['security.hostEncryption']);
    expect(row(posture, 'API endpoint')).toMatchObject({ value: `public, open to ${DEPLOYER_CIDR}`, secure: false });
    expect(row(posture, 'Control-plane logging')).toMatchObject({ value: '7 of 7 log categories, 30-day retention', secure: false });
    expect(row(posture, 'Control-plane logging').exceptions).toEqual([expect.objectContaining({ path: 'security.logRetentionDays', source: 'profile' })]);
    expect(posture.unexplained).toEqual([]);
    const table = postureTable(posture);
    expect(table).toContain('| Control-plane tier | Free (no uptime SLA) | ⚠️ opt-out `profile` (spec) |');
    expect(table).toContain('| Host encryption | on 0 of 2 node pools | ⚠️ opt-out `security.hostEncryption` (spec) |');
  });

  it.each(EXAMPLES)('example %s: no unexplained row, every declared exception shown', (name) => {
    const posture = clusterPosture(stacksOf(name));
    expect(posture.exceptions.length).toBeGreaterThan(0);
    expect(posture.unexplained).toEqual([]);
    const table = postureTable(posture);
    for (const e of posture.exceptions) expect(table).toContain(`\`${e.path}\``);
  });
});

describe('what no declared exception explains', () => {
  it('a public endpoint open to the internet, set by an override', () => {
    const set = stacksOf(MINIMAL.aws.name);
    Object.assign(only(set, 'aws_eks_cluster').vpc_config, { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] });
    const posture = clusterPosture(set);
    expect(posture.unexplained).toEqual([{ item: 'API endpoint', value: 'public, open to any address (0.0.0.0/0)', secure: false, exceptions: [] }]);
    expect(postureTable(posture)).toContain('| API endpoint | public, open to any address (0.0.0.0/0) | ❌ not explained |');
  });

  it('a public endpoint wider than the CIDRs the opt-out names', () => {
    const set = stacksOf('eks-cilium-prod');
    only(set, 'aws_eks_cluster').vpc_config.public_access_cidrs.push('198.51.100.0/24');
    expect(clusterPosture(set).unexplained.map((r) => r.item)).toEqual(['API endpoint']);
  });

  it('secrets left unencrypted, a rotation turned off, shorter retention than the opt-out asked', () => {
    const set = stacksOf('eks-dev');
    delete only(set, 'aws_eks_cluster').encryption_config;
    only(set, 'aws_cloudwatch_log_group', (g) => g.name === '/aws/eks/eks-dev/cluster').retention_in_days = 1;
    const posture = clusterPosture(set);
    expect(row(posture, 'Secrets encryption')).toMatchObject({ value: 'not encrypted with a customer key', secure: false, exceptions: [] });
    expect(posture.unexplained.map((r) => r.item)).toEqual(['Secrets encryption', 'Control-plane logging']);

    const gke = stacksOf(MINIMAL.gcp.name);
    delete only(gke, 'google_kms_crypto_key').rotation_period;
    expect(clusterPosture(gke).unexplained.map((r) => [r.item, r.value])).toEqual([['Secrets encryption', expect.stringMatching(/\(no rotation\)$/)]]);
  });

  it('NetworkPolicy enforcement turned off, on the cloud or in the CNI chart', () => {
    const gke = stacksOf(MINIMAL.gcp.name);
    only(gke, 'google_container_cluster').datapath_provider = 'LEGACY_DATAPATH';
    expect(clusterPosture(gke).unexplained).toEqual([{ item: 'Policy enforcement', value: 'none (NetworkPolicies are not enforced)', secure: false, exceptions: [] }]);

    const eks = stacksOf('eks-dev');
    only(eks, 'helm_release', (r) => r.chart === 'cilium').set = [{ name: 'policyEnforcementMode', value: 'never' }];
    expect(clusterPosture(eks).unexplained.map((r) => [r.item, r.value])).toEqual([['Policy enforcement', expect.stringMatching(/, no NetworkPolicy enforcement$/)]]);
  });

  it('egress addresses the spec cannot ask for: auto-allocated, or two for three zones', () => {
    const gke = stacksOf('gke-dev');
    only(gke, 'google_compute_router_nat').nat_ip_allocate_option = 'AUTO_ONLY';
    expect(clusterPosture(gke).unexplained.map((r) => [r.item, r.value])).toEqual([['Egress IPs', 'Cloud NAT with auto-allocated addresses (not static)']]);

    const aks = stacksOf(MINIMAL.azure.name);
    const cluster = [...aks.values()].find((j) => (j.resource as any)?.azurerm_nat_gateway_public_ip_association)!;
    const associations = (cluster.resource as any).azurerm_nat_gateway_public_ip_association;
    delete associations[Object.keys(associations)[0]!];
    expect(clusterPosture(aks).unexplained.map((r) => [r.item, r.value])).toEqual([['Egress IPs', '2 static IPs for 3 zones (NAT gateway)']]);
  });

  it('host encryption off on a pool without the opt-out, IMDS reachable from pods', () => {
    const aks = stacksOf(MINIMAL.azure.name);
    only(aks, 'azurerm_kubernetes_cluster_node_pool').host_encryption_enabled = false;
    expect(clusterPosture(aks).unexplained).toEqual([{ item: 'Host encryption', value: 'on 1 of 2 node pools', secure: false, exceptions: [] }]);

    const eks = stacksOf(MINIMAL.aws.name);
    only(eks, 'aws_launch_template').metadata_options.http_put_response_hop_limit = 2;
    expect(clusterPosture(eks).unexplained.map((r) => r.item)).toEqual(['Node metadata']);
  });
});

describe('postureChanges', () => {
  it('names each changed row with its old and new value and the verdict', () => {
    const base = clusterPosture(stacksOf(MINIMAL.aws.name));
    const set = stacksOf(MINIMAL.aws.name);
    Object.assign(only(set, 'aws_eks_cluster').vpc_config, { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] });
    expect(postureChanges(base, clusterPosture(set))).toEqual([
      'API endpoint: private only, admits 10.0.0.0/16 → public, open to any address (0.0.0.0/0) (not secure, not explained)',
    ]);
    expect(postureChanges(clusterPosture(set), base)).toEqual(['API endpoint: public, open to any address (0.0.0.0/0) → private only, admits 10.0.0.0/16 (secure default)']);
    expect(postureChanges(base, clusterPosture(stacksOf(MINIMAL.aws.name)))).toEqual([]);
  });

  it('reports opt-outs taken, with their paths, and declared opt-outs without a row', () => {
    const base = clusterPosture(stacksOf(MINIMAL.aws.name));
    const lines = postureChanges(base, clusterPosture(stacksOf('eks-dev')));
    expect(lines).toContain(`API endpoint: private only, admits 10.0.0.0/16 → public, open to ${DEPLOYER_CIDR} (opt-out access.deployer.network)`);
    expect(lines).toContain('Egress IPs: 3 static IPs (per-zone NAT gateway) → 1 static IP (single NAT gateway) (opt-out egress.nat)');
    expect(lines).toContain('Declared opt-out nodePools[0].min: added, 1 instead of 3 (profile)');
  });

  it('reports a verdict that changed while the value stayed', () => {
    const set = stacksOf('eks-cilium-prod');
    const base = clusterPosture(set);
    const output = (set.get('eks-cilium-prod-cluster')!.output as any).polycluster_posture_exceptions;
    output.value = output.value.filter((e: any) => e.path !== 'access.deployer.network');
    expect(postureChanges(base, clusterPosture(set))).toEqual(['API endpoint: public, open to 52.94.76.0/24 (opt-out access.deployer.network → not secure, not explained)']);
  });

  it('treats every row of a new cluster as changed from absent', () => {
    const head = clusterPosture(stacksOf(MINIMAL.gcp.name));
    const lines = postureChanges(undefined, head);
    expect(lines).toHaveLength(head.rows.length);
    expect(lines[0]).toBe('API endpoint: absent → private only, admits 10.0.0.0/16');
  });
});

describe('reading Terraform JSON', () => {
  it('shows references readably without resolving them', () => {
    expect(describeValue('${aws_kms_key.SecretsKey_Key_1234.arn}')).toBe('aws_kms_key.SecretsKey_Key_1234');
    expect(describeValue('${data.aws_iam_policy_document.Doc_12.json}')).toBe('data.aws_iam_policy_document.Doc_12');
    expect(describeValue('${data.terraform_remote_state.cross-stack-reference-input-eks-a-cluster.outputs.cross-stack-output-aws_subnetNet_Private0id}')).toBe(
      'output aws_subnetNet_Private0id of stack eks-a-cluster',
    );
    expect(describeValue('arn:aws:kms:eu-west-1:111122223333:key/abc')).toBe('arn:aws:kms:eu-west-1:111122223333:key/abc');
  });

  it('parses values documents holding HCL quotes, and zone counts of slice expressions', () => {
    expect(parseJsonAttribute('{"host":"${replace(x, "https://", "")}","n":1}')).toEqual({ host: '${replace(x, "https://", "")}', n: 1 });
    expect(zoneCount('${slice(data.google_compute_zones.Zones.names, 0, 3)}')).toBe(3);
    expect(zoneCount(['1', '2'])).toBe(2);
  });

  it('matches exception paths by list index', () => {
    expect(pathMatches('namespaces[].baseline', 'namespaces[12].baseline')).toBe(true);
    expect(pathMatches('namespaces[].baseline', 'namespaces[0].denyMetadata')).toBe(false);
    expect(pathMatches('egress.nat', 'egressXnat')).toBe(false);
  });

  it('infers no cloud and reads no cloud rows from stacks without a managed cluster', () => {
    const posture = clusterPosture(new Map([['x-cluster', { resource: {} }]]));
    expect(posture.cloud).toBeUndefined();
    expect(posture.rows.map((r) => r.item)).toEqual(['Policy enforcement', 'Namespace default deny']);
  });
});
