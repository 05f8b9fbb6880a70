import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changedPaths, flatten } from '../../constructs/review/flatten';
import { normalizePath, REPLACEMENT_RULES, replacementEffect, type PathChange } from '../../constructs/review/force-new';
import { fleet } from '../../stacks/fleet';
import { synthFleet, type StackJson } from '../support/synth';

const effect = (type: string, ...changed: (string | PathChange)[]) => replacementEffect(type, changed);
const replaces = (type: string, ...changed: (string | PathChange)[]) => effect(type, ...changed).replaces;

describe('replacementEffect: matching', () => {
  it('matches a path equal to a rule path', () => {
    expect(replaces('aws_eks_cluster', 'role_arn')).toEqual(['role_arn']);
  });

  it('matches a path below a rule path (a map entry, a list item inside a block)', () => {
    expect(replaces('google_container_node_pool', 'node_config.metadata.ssh-keys')).toEqual(['node_config.metadata.ssh-keys']);
    expect(replaces('aws_eks_node_group', 'remote_access[0].source_security_group_ids[2]')).toEqual(['remote_access[0].source_security_group_ids[2]']);
  });

  it('matches a whole block above a rule path', () => {
    expect(replaces('azurerm_kubernetes_cluster', 'network_profile')).toEqual(['network_profile']);
    expect(replaces('google_container_cluster', 'private_cluster_config[0]')).toEqual(['private_cluster_config[0]']);
  });

  it('strips list indices and quoted map keys, reporting the paths as given', () => {
    expect(normalizePath('a[0].b["x.y"][12].c')).toBe('a.b.x.y.c');
    expect(replaces('aws_eks_node_group', 'subnet_ids[1]')).toEqual(['subnet_ids[1]']);
    expect(replaces('azurerm_kubernetes_cluster', 'network_profile[0].pod_cidr')).toEqual(['network_profile[0].pod_cidr']);
  });

  it('does not match unrelated attributes, including ones sharing a name prefix', () => {
    expect(effect('aws_eks_cluster', 'vpc_config[0].subnet_ids[1]', 'tags.team', 'version', 'name_suffix')).toEqual({ replaces: [], mayReplace: [], rolls: [] });
    expect(replaces('google_container_node_pool', 'node_config.labels.team', 'node_config.tags[0]', 'node_count')).toEqual([]);
  });

  it('knows nothing about resource types outside the table', () => {
    expect(effect('aws_security_group', 'name', 'vpc_id')).toEqual({ replaces: [], mayReplace: [], rolls: [] });
    expect(effect('kubernetes_namespace', 'metadata.name')).toEqual({ replaces: [], mayReplace: [], rolls: [] });
  });

  it('ignores meta-arguments and the cdktf metadata', () => {
    expect(effect('aws_eks_cluster', 'depends_on[0]', 'lifecycle.ignore_changes[0]', '//.metadata.path', 'provider')).toEqual({ replaces: [], mayReplace: [], rolls: [] });
  });

  it('skips changes at or below lifecycle.ignore_changes entries, and everything for `all`', () => {
    const opts = { ignoreChanges: ['initial_node_count', 'node_config[0].metadata'] };
    expect(replacementEffect('google_container_node_pool', ['initial_node_count', 'node_config.metadata.x', 'name'], opts).replaces).toEqual(['name']);
    expect(replacementEffect('google_container_node_pool', ['name'], { ignoreChanges: ['all'] }).replaces).toEqual([]);
  });

  it('reports rolls only when the resource is not replaced anyway', () => {
    expect(effect('aws_eks_node_group', 'launch_template[0].version', 'scaling_config[0].desired_size')).toEqual({ replaces: [], mayReplace: [], rolls: ['launch_template[0].version'] });
    expect(effect('aws_eks_node_group', 'launch_template[0].version', 'subnet_ids[0]')).toEqual({ replaces: ['subnet_ids[0]'], mayReplace: [], rolls: [] });
    expect(effect('azurerm_kubernetes_cluster', 'default_node_pool.vm_size').rolls).toEqual(['default_node_pool.vm_size']);
  });
});

describe('replacementEffect: one-directional and block-level rules', () => {
  it('EKS: removing encryption_config replaces the cluster, changing the key does not, a bare path may', () => {
    const key = 'encryption_config[0].provider[0].key_arn';
    expect(replaces('aws_eks_cluster', { path: key, before: 'arn:a' })).toEqual([key]);
    expect(replaces('aws_eks_cluster', { path: key, before: 'arn:a', after: 'arn:b' })).toEqual([]);
    expect(replaces('aws_eks_cluster', { path: key, after: 'arn:b' })).toEqual([]);
    expect(effect('aws_eks_cluster', key).mayReplace).toEqual([{ path: key, because: expect.stringContaining('removing `encryption_config`') }]);
  });

  it('EKS: a whole encryption_config block given with its values is decided too', () => {
    expect(replaces('aws_eks_cluster', { path: 'encryption_config', before: [{ provider: [{ key_arn: 'k' }] }], after: [] })).toEqual(['encryption_config']);
    expect(replaces('aws_eks_cluster', { path: 'encryption_config', before: [], after: [{ provider: [{ key_arn: 'k' }] }] })).toEqual([]);
  });

  it('GKE subnetwork: expanding the primary range is in place, shrinking or moving it replaces', () => {
    expect(replaces('google_compute_subnetwork', { path: 'ip_cidr_range', before: '10.0.0.0/20', after: '10.0.0.0/19' })).toEqual([]);
    expect(replaces('google_compute_subnetwork', { path: 'ip_cidr_range', before: '10.0.0.0/20', after: '10.0.0.0/21' })).toEqual(['ip_cidr_range']);
    expect(replaces('google_compute_subnetwork', { path: 'ip_cidr_range', before: '10.0.0.0/20', after: '10.1.0.0/20' })).toEqual(['ip_cidr_range']);
    expect(effect('google_compute_subnetwork', { path: 'ip_cidr_range', before: '${var.x}', after: '10.1.0.0/20' }).mayReplace).toHaveLength(1);
  });

  it('GKE cluster: disabling L4 ILB subsetting replaces, enabling it does not', () => {
    expect(replaces('google_container_cluster', { path: 'enable_l4_ilb_subsetting', before: true, after: false })).toEqual(['enable_l4_ilb_subsetting']);
    expect(replaces('google_container_cluster', { path: 'enable_l4_ilb_subsetting', before: true })).toEqual(['enable_l4_ilb_subsetting']);
    expect(effect('google_container_cluster', { path: 'enable_l4_ilb_subsetting', after: true })).toEqual({ replaces: [], mayReplace: [], rolls: [] });
  });

  it('AKS: setting a network policy the first time is in place, changing it replaces', () => {
    const path = 'network_profile[0].network_policy';
    expect(replaces('azurerm_kubernetes_cluster', { path, after: 'cilium' })).toEqual([]);
    expect(replaces('azurerm_kubernetes_cluster', { path, before: 'calico', after: 'cilium' })).toEqual([path]);
  });

  it('AKS: migrating network_plugin_mode to overlay is in place, any other change replaces', () => {
    const path = 'network_profile[0].network_plugin_mode';
    expect(replaces('azurerm_kubernetes_cluster', { path, after: 'overlay' })).toEqual([]);
    expect(replaces('azurerm_kubernetes_cluster', { path, before: 'overlay' })).toEqual([path]);
  });

  it('AKS: moving from a managed identity to a service principal replaces', () => {
    expect(replaces('azurerm_kubernetes_cluster', { path: 'service_principal[0].client_id', after: 'app-id' })).toEqual(['service_principal[0].client_id']);
    expect(replaces('azurerm_kubernetes_cluster', { path: 'service_principal[0].client_id', before: 'app-1', after: 'app-2' })).toEqual([]);
  });

  it('Azure public IP: a SKU upgrade is in place, a downgrade replaces', () => {
    expect(replaces('azurerm_public_ip', { path: 'sku', before: 'Basic', after: 'Standard' })).toEqual([]);
    expect(replaces('azurerm_public_ip', { path: 'sku', before: 'Standard', after: 'Basic' })).toEqual(['sku']);
  });

  it('AKS pool: os_sku between Ubuntu and AzureLinux rolls the pool, to Windows-like SKUs replaces it', () => {
    expect(effect('azurerm_kubernetes_cluster_node_pool', { path: 'os_sku', before: 'Ubuntu', after: 'AzureLinux' })).toEqual({ replaces: [], mayReplace: [], rolls: ['os_sku'] });
    expect(replaces('azurerm_kubernetes_cluster_node_pool', { path: 'os_sku', before: 'Ubuntu', after: 'Windows2022' })).toEqual(['os_sku']);
  });

  it('a block that is force-new as a whole: only its arrival or removal replaces', () => {
    // The flattener reports leaves; a leaf present on one side only may be the whole block coming or going.
    expect(effect('google_container_node_pool', { path: 'placement_policy[0].type', before: 'COMPACT', after: 'COMPACT2' })).toEqual({ replaces: [], mayReplace: [], rolls: [] });
    expect(effect('google_container_node_pool', { path: 'placement_policy[0].type', after: 'COMPACT' }).mayReplace).toHaveLength(1);
    expect(replaces('google_container_node_pool', { path: 'placement_policy', before: [], after: [{ type: 'COMPACT' }] })).toEqual(['placement_policy']);
    // A rolling change inside node_config is not a node_config arrival.
    expect(effect('google_container_node_pool', 'node_config[0].machine_type')).toEqual({ replaces: [], mayReplace: [], rolls: ['node_config[0].machine_type'] });
  });
});

describe('every rule path', () => {
  for (const [type, rule] of Object.entries(REPLACEMENT_RULES)) {
    it(`${type}: each force-new path replaces when equal, below or above; unrelated paths do not`, () => {
      for (const path of rule.forceNew) {
        const [head, ...rest] = path.split('.');
        const indexed = [`${head}[0]`, ...rest].join('.');
        expect(replaces(type, path), path).toEqual([path]);
        expect(replaces(type, `${indexed}.zz_child`), path).toEqual([`${indexed}.zz_child`]);
        expect(replaces(type, `${indexed}[3]`), path).toEqual([`${indexed}[3]`]);
        expect(replaces(type, head!), path).toEqual([head]);
        expect(replaces(type, `${path}zz`), path).toEqual([]);
      }
      expect(effect(type, 'zz_unrelated', 'zz_block[0].name')).toEqual({ replaces: [], mayReplace: [], rolls: [] });
    });

    if (rule.rolls?.length) {
      it(`${type}: each rolling path rolls and does not replace outright`, () => {
        for (const path of rule.rolls!) {
          const { replaces, rolls } = effect(type, `${path}[0]`);
          expect({ replaces, rolls }, path).toEqual({ replaces: [], rolls: [`${path}[0]`] });
        }
      });
    }
  }
});

describe('the table against the rules of its own shape', () => {
  it('has a source and a consequence for every type, and no path both always force-new and rolling', () => {
    for (const [type, rule] of Object.entries(REPLACEMENT_RULES)) {
      expect(rule.source.length, type).toBeGreaterThan(20);
      expect(rule.onDestroy.length, type).toBeGreaterThan(20);
      // A conditional path may also roll (AKS os_sku: rotates between Ubuntu and AzureLinux, replaces otherwise).
      for (const path of rule.rolls ?? []) expect(rule.forceNew.some((p) => path === p || path.startsWith(`${p}.`)), `${type} ${path}`).toBe(false);
      for (const path of [...rule.forceNew, ...(rule.forceNewIf ?? []).map((c) => c.path), ...(rule.rolls ?? [])]) expect(normalizePath(path), `${type} ${path}`).toBe(path);
    }
  });
});

// ------------------------------------------------------------------ against the synthesized fleet

/** Resource types whose replacement the review must shout about (clusters, pools, networks, addresses, keys, routes, logs). */
const RISKY = [
  /_eks_cluster$/,
  /_node_group$/,
  /_launch_template$/,
  /^google_container_(cluster|node_pool)$/,
  /^azurerm_kubernetes_cluster(_node_pool)?$/,
  /^aws_vpc$/,
  /_subnet$/,
  /_subnetwork$/,
  /^google_compute_network$/,
  /_virtual_network$/,
  /^azurerm_resource_group$/,
  /_kms_(?!.*_iam_)/,
  /^azurerm_key_vault(_key)?$/,
  /_nat_gateway/,
  /_eip$/,
  /_compute_(global_)?address$/,
  /_public_ip$/,
  /_router(_nat)?$/,
  /^aws_route(_table)?(_association)?$/,
  /_cloudwatch_log_group$/,
  /_log_analytics_workspace$/,
  /_logging_project_bucket_config$/,
];

let stacks: Record<string, StackJson>;
let synthesized: Set<string>;
beforeAll(async () => {
  ({ stacks } = await synthFleet(fleet));
  synthesized = new Set(Object.values(stacks).flatMap((s) => Object.keys(s.resource ?? {})));
}, 120_000);

describe('completeness against the example fleet', () => {
  it('has a rule for every risky resource type the fleet synthesizes', () => {
    const risky = [...synthesized].filter((t) => RISKY.some((r) => r.test(t))).sort();
    expect(risky.length).toBeGreaterThan(30);
    expect(risky.filter((t) => !REPLACEMENT_RULES[t])).toEqual([]);
  });

  it('has no rule for a type the fleet does not synthesize, nor for a type the risk patterns would not flag', () => {
    expect(Object.keys(REPLACEMENT_RULES).filter((t) => !synthesized.has(t))).toEqual([]);
    expect(Object.keys(REPLACEMENT_RULES).filter((t) => !RISKY.some((r) => r.test(t)))).toEqual([]);
  });

  /** Every resource of a type in the fleet, with its stack's name. */
  const all = (type: string): [string, Record<string, unknown>][] =>
    Object.entries(stacks).flatMap(([stack, json]) => Object.entries(json.resource?.[type] ?? {}).map(([, body]) => [stack, body as Record<string, unknown>] as [string, Record<string, unknown>]));

  /** The effect of changing one resource's synthesized JSON with `edit`, through the review's flattener. */
  const effectOf = (type: string, body: Record<string, unknown>, edit: (copy: any) => void) => {
    const copy = structuredClone(body);
    edit(copy);
    const lifecycle = body.lifecycle as { ignore_changes?: string[] } | undefined;
    return replacementEffect(type, changedPaths(flatten(body), flatten(copy)), { ignoreChanges: lifecycle?.ignore_changes ?? [] });
  };

  it('on real resources: a GKE profile change in the description replaces the cluster, a new subnet list does not replace EKS', () => {
    const [, gke] = all('google_container_cluster')[0]!;
    expect(effectOf('google_container_cluster', gke, (c) => (c.description = `${c.description} (changed)`)).replaces).toEqual(['description']);
    const [, eks] = all('aws_eks_cluster')[0]!;
    expect(effectOf('aws_eks_cluster', eks, (c) => c.vpc_config.subnet_ids.push('subnet-x'))).toEqual({ replaces: [], mayReplace: [], rolls: [] });
    expect(effectOf('aws_eks_cluster', eks, (c) => delete c.encryption_config).replaces.length).toBeGreaterThan(0);
  });

  it('on real resources: an AKS pod CIDR change replaces the cluster, a VM size change rotates the system pool', () => {
    const [, aks] = all('azurerm_kubernetes_cluster')[0]!;
    expect(effectOf('azurerm_kubernetes_cluster', aks, (c) => (c.network_profile.pod_cidr = '10.99.0.0/16')).replaces).toEqual(['network_profile.pod_cidr']);
    expect(effectOf('azurerm_kubernetes_cluster', aks, (c) => (c.default_node_pool.vm_size = 'Standard_D8s_v5'))).toEqual({ replaces: [], mayReplace: [], rolls: ['default_node_pool.vm_size'] });
  });

  it('on real resources: a node pool change the resource ignores (lifecycle.ignore_changes) has no effect', () => {
    const withIgnore = all('google_container_node_pool').find(([, b]) => (b.lifecycle as any)?.ignore_changes?.includes('initial_node_count'));
    expect(withIgnore).toBeDefined();
    expect(effectOf('google_container_node_pool', withIgnore![1], (c) => (c.initial_node_count = 7))).toEqual({ replaces: [], mayReplace: [], rolls: [] });
    expect(effectOf('google_container_node_pool', withIgnore![1], (c) => (c.name = 'renamed')).replaces).toEqual(['name']);
  });
});

// ------------------------------------------------------------------ against the provider schemas

const PROVIDER_PACKAGES: Record<string, string> = { aws: 'provider-aws', google: 'provider-google', azurerm: 'provider-azurerm' };

/** One interface of a binding: its properties by Terraform (snake_case) name, with their TypeScript type text. */
type Schema = Map<string, Map<string, string>>;

/** Every .d.ts file below a directory. */
const declarationFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? declarationFiles(full) : name.endsWith('.d.ts') ? [full] : [];
  });

/**
 * The interfaces a resource's binding declares. Each property's Terraform name is read from the
 * registry link cdktf puts in its JSDoc (`#snake_name`), so the snake/camel mapping is the
 * generator's, not a guess.
 */
function bindingSchema(type: string): { config: string; interfaces: Schema } {
  const [provider, ...rest] = type.split('_');
  const dir = join('node_modules', '@cdktf', PROVIDER_PACKAGES[provider!]!, 'lib', rest.join('-'));
  if (!existsSync(dir)) throw new Error(`no binding directory ${dir} for ${type}`);
  const interfaces: Schema = new Map();
  let config: string | undefined;
  for (const file of declarationFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const head of text.matchAll(/export interface (\w+)(?: extends ([\w.]+))? \{/g)) {
      let depth = 1;
      let i = head.index! + head[0].length;
      for (; depth > 0 && i < text.length; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
      const body = text.slice(head.index! + head[0].length, i - 1);
      const props = new Map<string, string>();
      for (const m of body.matchAll(/\{@link https:\/\/registry\.terraform\.io\/[^#\s]+#(\w+) [^}]*\}(?:(?!\*\/)[\s\S])*\*\/\s*readonly (\w+)\??: ([^;]+);/g)) props.set(m[1]!, m[3]!);
      // Every property must have been read through its link, or a missing attribute could be a parse gap.
      const declared = body.match(/^ {4}readonly \w+\??:/gm)?.length ?? 0;
      if (declared !== props.size) throw new Error(`${head[1]}: ${declared} properties declared, ${props.size} read`);
      interfaces.set(head[1]!, props);
      if (head[2] === 'cdktf.TerraformMetaArguments') config = head[1];
    }
  }
  if (!config) throw new Error(`no config interface for ${type} in ${dir}`);
  return { config, interfaces };
}

/** Why a dotted attribute path does not exist in the binding, or undefined when it does. */
function missingIn(schema: { config: string; interfaces: Schema }, path: string): string | undefined {
  let current = schema.config;
  const segments = path.split('.');
  for (const [i, segment] of segments.entries()) {
    const props = schema.interfaces.get(current);
    if (!props) return `${segments.slice(0, i).join('.')} is not a block (${current})`;
    const typeText = props.get(segment);
    if (typeText === undefined) return `${segment} not in ${current}`;
    current = typeText.replace(/\s*\|\s*cdktf\.IResolvable/g, '').replace(/\[\]$/, '').trim();
  }
  return undefined;
}

describe('every rule path exists in the pinned provider schema (cdktf bindings)', () => {
  it('reads the bindings it checks against (the registry links name the pinned versions)', () => {
    const schema = bindingSchema('aws_eks_cluster');
    expect(schema.config).toBe('EksClusterConfig');
    expect(schema.interfaces.get('EksClusterConfig')?.get('vpc_config')).toBe('EksClusterVpcConfig');
    expect(missingIn(schema, 'vpc_config.subnet_ids')).toBeUndefined();
    expect(missingIn(schema, 'vpc_config.no_such_thing')).toMatch(/no_such_thing not in EksClusterVpcConfig/);
    expect(missingIn(schema, 'name.deeper')).toMatch(/not a block/);
    expect(readFileSync('node_modules/@cdktf/provider-aws/lib/eks-cluster/index.d.ts', 'utf8')).toContain('hashicorp/aws/5.100.0/');
  });

  for (const [type, rule] of Object.entries(REPLACEMENT_RULES)) {
    it(type, () => {
      const schema = bindingSchema(type);
      const paths = [...rule.forceNew, ...(rule.forceNewIf ?? []).map((c) => c.path), ...(rule.rolls ?? [])];
      expect(paths.map((p) => [p, missingIn(schema, p)]).filter(([, why]) => why)).toEqual([]);
    });
  }
});
