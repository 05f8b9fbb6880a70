import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { ManifestFile } from '../manifests/cluster-manifests';
import type { ResolvedCluster } from '../spec';
import { evaluate } from './evaluate';
import type { PolicyWorld, Verdict } from './model';
import type { Probe } from './probe-addresses';
import { namespacesOf, policyProbes } from './probes';

/** A probe with the evaluator's verdict on the cluster's generated policies. */
export interface ExplainedProbe extends Probe {
  /** What the evaluator decided under the generated policies, with the policies that decided it. */
  readonly verdict: Verdict;
}

/** The NetworkPolicies among a cluster's manifests, with its namespaces' labels. */
export function policyWorld(cluster: ResolvedCluster, files: readonly ManifestFile[]): PolicyWorld {
  const policies = files.flatMap((f) => f.objects).filter((o) => o.apiVersion === 'networking.k8s.io/v1' && o.kind === 'NetworkPolicy') as unknown as INetworkPolicy[];
  return { namespaces: namespacesOf(cluster), policies };
}

/** Every probe of the cluster, judged. */
export function explainCluster(cluster: ResolvedCluster, files: readonly ManifestFile[]): ExplainedProbe[] {
  const world = policyWorld(cluster, files);
  return policyProbes(cluster).map((probe) => ({ ...probe, verdict: evaluate(world, probe.connection) }));
}

/** Why, in a few words: the admitting policies, or the side that denies. */
export function verdictReason(verdict: Verdict): string {
  if (verdict.allowed) {
    const by = [...verdict.egress.allowedBy, ...verdict.ingress.allowedBy];
    return by.length > 0 ? by.join(', ') : 'no policy isolates either side';
  }
  const sides = [!verdict.egress.allowed ? 'egress' : undefined, !verdict.ingress.allowed ? 'ingress' : undefined].filter((s) => s !== undefined);
  return `no ${sides.join(' or ')} policy admits it`;
}

/**
 * The reachability table of one cluster: from → to : port → verdict, with the policies behind
 * it. A row marked `!!` has a verdict the spec does not imply. Egress by DNS name is enforced by
 * Cilium policies, which the NetworkPolicy evaluator does not read; it is listed after the table.
 */
export function reachabilityTable(cluster: ResolvedCluster, rows: readonly ExplainedProbe[]): string {
  const header = ['from', 'to', 'port', 'verdict', 'why'];
  const cells = rows.map((r) => [
    r.connection.from.name,
    r.connection.to.name,
    `${r.connection.protocol}/${r.connection.port}`,
    `${r.verdict.allowed ? 'allowed' : 'denied'}${r.verdict.allowed === r.expected ? '' : ' !!'}`,
    verdictReason(r.verdict),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => `  ${c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  const fqdn = cluster.namespaces.flatMap((ns) =>
    ns.egress.filter((e) => e.fqdns !== undefined).map((e) => `  ${ns.name}/* -> ${e.fqdns!.join(', ')} on ${e.ports.map((p) => `${p.protocol}/${p.port}`).join(', ')}: allowed by CiliumNetworkPolicy ${ns.name}/allow-egress-fqdns (DNS names; not evaluated here)`),
  );
  const title = `${cluster.name} (${cluster.cni.policyEnforcer})`;
  if (rows.length === 0) return `${title}\n  no managed namespaces\n`;
  return [title, line(header), ...cells.map(line), ...fqdn, ''].join('\n');
}

/** Rows whose verdict differs from what the spec implies. */
export function unexpected(rows: readonly ExplainedProbe[]): ExplainedProbe[] {
  return rows.filter((r) => r.verdict.allowed !== r.expected);
}
