import { nthAddress } from './cidr';
import { DEFAULTS } from './defaults';
import { planSubnets, subnetBlocks } from './cidr-plan';
import { lookupCni, type CniCell } from './cni-matrix';
import { draftOf, type Draft } from './draft';
import { ingressClassesOf } from './ingress';
import { loadBalancerService } from './load-balancer-service';
import { postureExceptions } from './exceptions';
import { cniStartupTaints, resolvePools } from './node-pools';
import { ProblemList, SpecValidationError, type Problem } from './problems';
import type { Phase, ResolvedCluster, ResolvedCni, ResolvedNodePool } from './resolved';
import { RULES } from './rules';
import { resolveWebhooks } from './webhooks';
import { shapeProblems, UNKNOWN_FIELD } from './shape';
import type { ClusterSpec } from './types';

/** The outcome of analysing one spec. */
export type Analysis =
  | {
      /** The spec is valid. */
      readonly ok: true;
      /** The resolved cluster. */
      readonly resolved: ResolvedCluster;
    }
  | {
      /** The spec has problems. */
      readonly ok: false;
      /** Every problem found. */
      readonly problems: readonly Problem[];
    };

/**
 * Runs every check on a spec and resolves it when it passes: shape first (a malformed spec
 * stops there, since the rules would misreport it), then every rule, collecting all problems.
 */
export function analyseSpec(spec: unknown): Analysis {
  const shape = shapeProblems(spec);
  // Unknown fields do not disturb the rules; wrong types and missing fields would.
  if (shape.some((p) => p.rule !== UNKNOWN_FIELD)) return { ok: false, problems: shape };
  const draft = draftOf(spec as ClusterSpec);
  const problems = new ProblemList();
  for (const p of shape) problems.add(p.path, p.value, p.rule, p.fix);
  const lookup = lookupCni(draft.cloud, draft.cni.kind, draft.cni.mode);
  if (!lookup.ok) {
    const modeWritten = draft.spec.cni?.mode !== undefined;
    const { kind, mode } = draft.cni;
    if (!modeWritten) problems.add('cni.kind', kind, `cannot run on ${draft.cloud}: ${lookup.reason}`, `choose ${lookup.alternative}`);
    else if (lookup.why === 'unknown') problems.add('cni.mode', mode, lookup.reason, `choose ${lookup.alternative}`);
    else problems.add('cni.mode', mode, `is refused for ${kind} on ${draft.cloud}: ${lookup.reason}`, `choose ${lookup.alternative}`);
  }
  const cell = lookup.ok ? lookup.cell : undefined;
  const pools = resolvePools(draft, cell);
  for (const rule of RULES) rule({ draft, problems, pools, ...(cell ? { cell } : {}) });
  if (problems.all.length > 0 || !cell) return { ok: false, problems: problems.all };
  return { ok: true, resolved: finish(draft, cell, pools) };
}

/** Every problem of a spec, without throwing. */
export function checkSpec(spec: unknown): readonly Problem[] {
  const analysis = analyseSpec(spec);
  return analysis.ok ? [] : analysis.problems;
}

/** Throws one `SpecValidationError` listing every problem of the spec. */
export function validateSpec(spec: unknown, prefix?: string): void {
  resolveCluster(spec, prefix);
}

/** Validates and resolves a spec; throws one `SpecValidationError` with every problem. */
export function resolveCluster(spec: unknown, prefix?: string): ResolvedCluster {
  const analysis = analyseSpec(spec);
  if (analysis.ok) return analysis.resolved;
  const where = prefix ?? nameOf(spec);
  throw new SpecValidationError(analysis.problems.map((p) => ({ ...p, prefix: where })));
}

function nameOf(spec: unknown): string {
  const name = (spec as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : 'spec';
}

function resolveCni(draft: Draft, cell: CniCell): ResolvedCni {
  const kpr = cell.kubeProxyReplacement;
  const kubeProxyReplacement =
    kpr.support === 'always' ? true : kpr.support === 'never' ? false : (draft.cni.kubeProxyReplacement ?? kpr.default);
  const selfInstalled = cell.provisioning === 'self-installed';
  return {
    kind: cell.kind,
    mode: cell.mode,
    cell,
    kubeProxyReplacement,
    encryption: draft.cni.encryption,
    hubble: draft.cni.hubble,
    selfInstalled,
    policyEnforcer: cell.policyEnforcer,
    webhooks: resolveWebhooks(cell.controlPlaneReachesPods),
    startupTaints: cniStartupTaints(cell),
  };
}

/** The spec's organisation labels for Kubernetes objects, only when it sets any. */
function kubernetesLabelsOf(spec: ClusterSpec): { kubernetesLabels?: Readonly<Record<string, string>> } {
  const labels = spec.kubernetesLabels ?? DEFAULTS.kubernetesLabels;
  return Object.keys(labels).length > 0 ? { kubernetesLabels: { ...labels } } : {};
}

function phasesOf(draft: Draft, cni: ResolvedCni): Phase[] {
  const phases: Phase[] = ['cluster'];
  if (cni.selfInstalled) phases.push('cni');
  phases.push('nodes');
  // Every cluster has an ingress path in the platform stack: the AWS Load Balancer Controller,
  // GKE's shared Gateway, or an in-cluster controller.
  phases.push('platform');
  if (draft.namespaces.length > 0 || draft.certManager.enabled) phases.push('policies');
  return phases;
}

function finish(draft: Draft, cell: CniCell, pools: readonly ResolvedNodePool[]): ResolvedCluster {
  const plan = planSubnets(draft.vpcCidr, subnetBlocks(draft.cloud, draft.subnets, { proxyOnly: draft.ingress.proxyOnlySubnet }), draft.zoneCount);
  // The rules have already rejected layouts that do not fit.
  if (!plan.ok) throw new Error(`polycluster: subnet plan failed after validation for ${draft.name}`);
  const cni = resolveCni(draft, cell);
  const { spec } = draft;
  return {
    name: draft.name,
    cloud: draft.cloud,
    region: draft.region,
    profile: draft.profile,
    kubernetesVersion: draft.kubernetesVersion,
    zones: { count: draft.zoneCount, ...(draft.zoneNames ? { names: draft.zoneNames } : {}) },
    network: {
      vpcCidr: draft.vpcCidr,
      ...(cell.podAddressing === 'pod-range' ? { podCidr: draft.podCidr } : {}),
      serviceCidr: draft.serviceCidr,
      dnsServiceIp: nthAddress(draft.serviceCidr, 10),
      ...(draft.cloud === 'gcp' ? { controlPlaneCidr: draft.controlPlaneCidr } : {}),
      subnets: plan.plan,
    },
    cni,
    access: {
      admins: draft.admins,
      clusterAdmins: draft.deployerPrincipal === undefined || draft.admins.includes(draft.deployerPrincipal) ? draft.admins : [...draft.admins, draft.deployerPrincipal],
      deployer: {
        network: draft.deployerNetwork,
        ...(draft.deployerPrincipal ? { principal: draft.deployerPrincipal } : {}),
        publicEndpoint: draft.deployerNetwork.from === 'cidrs',
        publicCidrs: draft.deployerNetwork.from === 'cidrs' ? draft.deployerNetwork.cidrs : [],
        privateCidrs: (draft.deployerNetwork.from === 'network' ? draft.deployerNetwork.privateCidrs : undefined) ?? [draft.vpcCidr],
      },
    },
    nodePools: pools,
    egress: { nat: draft.nat, staticIpCount: draft.nat === 'none' ? 0 : draft.nat === 'single' ? 1 : draft.zoneCount, registryMirrors: draft.registryMirrors },
    ingress: {
      ...draft.ingress,
      classes: ingressClassesOf(draft.cloud, draft.ingress.controller, draft.ingress.exposure),
      loadBalancer: loadBalancerService({ cloud: draft.cloud, cni }, draft.ingress.exposure),
    },
    certManager: draft.certManager,
    namespaces: draft.namespaces,
    tags: draft.tags,
    ...kubernetesLabelsOf(spec),
    stateBackend: draft.stateBackend,
    security: { logRetentionDays: draft.logRetentionDays, hostEncryption: draft.hostEncryption },
    ...(draft.cloud === 'aws' ? { aws: spec.aws?.accountId ? { accountId: spec.aws.accountId } : {} } : {}),
    ...(draft.cloud === 'gcp' ? { gcp: { project: spec.gcp!.project } } : {}),
    ...(draft.azure ? { azure: draft.azure } : {}),
    phases: phasesOf(draft, cni),
    exceptions: postureExceptions(draft),
  };
}
