import { beforeAll, describe, expect, it } from 'vitest';
import { applyTimeKeys, BASELINE_POLICY, clusterManifests, manifestId, manifestYaml, mergeSpecs, resolveCluster, type PolyCluster } from '../../constructs';
import { fleet } from '../../stacks/fleet';
import { resourcesOf, synthFleet, type StackJson } from '../support/synth';

const resolved = fleet.clusters.map((spec) => resolveCluster(mergeSpecs(fleet.defaults, spec)));

describe('the manifests of the example fleet', () => {
  let clusters: PolyCluster[];
  let stacks: Record<string, StackJson>;
  beforeAll(async () => {
    ({ clusters, stacks } = await synthFleet(fleet));
  }, 60_000);

  it('gives every cluster a managed namespace with its baseline', () => {
    for (const cluster of resolved) {
      const kinds = clusterManifests(cluster).flatMap((f) => f.objects.map((o) => o.kind));
      expect(kinds, cluster.name).toContain('Namespace');
      expect(kinds, cluster.name).toContain('NetworkPolicy');
    }
  });

  it.each(resolved.map((c) => c.name))('%s: the YAML matches its reviewed snapshot', (name) => {
    const cluster = resolved.find((c) => c.name === name)!;
    const files = Object.fromEntries(clusterManifests(cluster).map((f) => [f.fileName, manifestYaml(f)]));
    expect(files).toMatchSnapshot();
  });

  it('writes the same bytes on every synth', () => {
    for (const cluster of resolved) {
      const once = clusterManifests(cluster).map(manifestYaml);
      const twice = clusterManifests(resolveCluster(mergeSpecs(fleet.defaults, fleet.clusters.find((c) => c.name === cluster.name)!))).map(manifestYaml);
      expect(twice).toEqual(once);
    }
  });

  it("applies exactly the written objects in each policies stack: after their Namespace, default deny after the namespace's allow policies, apply-time values from the cluster stack", () => {
    // Placeholders in the YAML, Terraform references (through the cluster stack's remote state) when applied.
    const reference = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-[a-z0-9-]+-cluster\.outputs\.[^}]+\}$/;
    const normalise = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' && (reference.test(v) || applyTimeKeys(v).length > 0) ? '<apply-time>' : v));
    let placeholders = 0;
    for (const cluster of clusters) {
      const applied = resourcesOf(stacks[`${cluster.resolved.name}-policies`], 'kubernetes_manifest');
      const objects = cluster.manifests.flatMap((f) => f.objects);
      expect(Object.keys(applied).sort(), cluster.resolved.name).toEqual(objects.map(manifestId).sort());
      for (const object of objects) {
        const resource = applied[manifestId(object)];
        expect(applyTimeKeys(resource.manifest), manifestId(object)).toEqual([]);
        expect(normalise(resource.manifest)).toEqual(normalise(object));
        placeholders += applyTimeKeys(object).length;
        const namespace = object.metadata.namespace;
        const owner = objects.some((o) => o.kind === 'Namespace' && o.metadata.name === namespace) ? [`kubernetes_manifest.Namespace_${namespace}`] : [];
        const allows =
          object.kind === 'NetworkPolicy' && object.metadata.name === BASELINE_POLICY.defaultDeny
            ? objects.filter((o) => o !== object && o.metadata.namespace === namespace && /NetworkPolicy$/.test(o.kind)).map((o) => `kubernetes_manifest.${manifestId(o)}`)
            : [];
        const dependsOn = [...owner, ...allows];
        if (dependsOn.length > 0) expect(resource.depends_on, manifestId(object)).toEqual(dependsOn);
        else expect(resource.depends_on, manifestId(object)).toBeUndefined();
      }
    }
    // The DNS01 clusters of the fleet (EKS twice, GKE, AKS with two zones) do use apply-time values.
    expect(placeholders).toBeGreaterThanOrEqual(4);
  });

  it('changes only the namespace that changed when one allowance port changes', () => {
    const spec = fleet.clusters.find((c) => c.name === 'eks-vpc-cni-prod')!;
    const payments = spec.namespaces!.find((n) => n.name === 'payments')!;
    const changed = { ...spec, namespaces: spec.namespaces!.map((n) => (n === payments ? { ...n, allow: [{ ...n.allow![0]!, ports: [{ port: 9443 }] }] } : n)) };
    const before = clusterManifests(resolveCluster(mergeSpecs(fleet.defaults, spec)));
    const after = clusterManifests(resolveCluster(mergeSpecs(fleet.defaults, changed)));
    const diff = (a: string, b: string): string[] => {
      const left = a.split('\n');
      return b.split('\n').filter((line, i) => line !== left[i]);
    };
    const changedLines = before.flatMap((file, i) => diff(manifestYaml(file), manifestYaml(after[i]!)).map((line) => `${file.fileName}: ${line.trim()}`));
    // The callee's ingress rule and the caller's egress rule, nothing else.
    expect(changedLines).toEqual(['namespace-web.yaml: - port: 9443', 'namespace-payments.yaml: - port: 9443']);
  });
});
