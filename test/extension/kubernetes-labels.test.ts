import { describe, expect, it } from 'vitest';
import { CHART_LABEL_KEYS, checkSpec, resolveCluster, withLabelsAt, type ClusterSpec } from '../../constructs';
import { releaseValues } from '../aws/helpers';
import { chartDefaults, SHARED_PRESENT } from '../support/shared-data';
import { MINIMAL } from '../support/specs';
import { resourcesOf, synthFleet, synthStackFiles, type StackJson } from '../support/synth';

/** Organisation labels on every Kubernetes object polycluster generates (`kubernetesLabels`). */

const LABELS = { 'acme.example/team': 'platform', 'cost-centre': 'cc-42' };

const SPECS: readonly ClusterSpec[] = [
  {
    ...MINIMAL.aws,
    name: 'eks-labels',
    cni: { kind: 'cilium', mode: 'eni' },
    ingress: { externalDnsZones: ['apps.acme.example'] },
    namespaces: [{ name: 'shop', exposed: true, labels: { 'cost-centre': 'shop-1' } }, { name: 'billing', egress: [{ fqdns: ['api.stripe.com'], ports: [{ port: 443 }] }] }],
  },
  { ...MINIMAL.gcp, name: 'gke-labels', namespaces: [{ name: 'web', exposed: true }] },
  { ...MINIMAL.azure, name: 'aks-labels', cni: { kind: 'calico', mode: 'vxlan' }, ingress: { externalDnsZones: ['apps.acme.example'] }, certManager: { acme: { email: 'ops@acme.example', dnsZones: ['acme.example'] } }, namespaces: [{ name: 'web' }] },
];

const labelled = (spec: ClusterSpec): ClusterSpec => ({ ...spec, kubernetesLabels: LABELS });

/** Every `kubernetes_*` object of the stacks, with its labels. */
function kubernetesObjects(stacks: Record<string, StackJson>): { where: string; kind: string; labels: Record<string, string> | undefined }[] {
  const out: { where: string; kind: string; labels: Record<string, string> | undefined }[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    for (const [name, r] of Object.entries<any>(resourcesOf(stack, 'kubernetes_manifest'))) out.push({ where: `${stackName}/${name}`, kind: r.manifest.kind, labels: r.manifest.metadata.labels });
    for (const type of ['kubernetes_namespace_v1', 'kubernetes_config_map_v1']) {
      for (const [name, r] of Object.entries<any>(resourcesOf(stack, type))) out.push({ where: `${stackName}/${name}`, kind: type, labels: r.metadata.labels });
    }
  }
  return out;
}

describe('kubernetesLabels', () => {
  it('resolves only when set, so clusters without it resolve as before', () => {
    expect('kubernetesLabels' in resolveCluster(MINIMAL.aws)).toBe(false);
    expect('kubernetesLabels' in resolveCluster({ ...MINIMAL.aws, kubernetesLabels: {} })).toBe(false);
    expect(resolveCluster(labelled(MINIMAL.aws)).kubernetesLabels).toEqual(LABELS);
  });

  it('changes no byte of the output when unset or empty', async () => {
    const before = await synthStackFiles({ clusters: SPECS });
    const empty = await synthStackFiles({ clusters: SPECS.map((s) => ({ ...s, kubernetesLabels: {} })) });
    expect([...empty.files.keys()]).toEqual([...before.files.keys()]);
    for (const [name, text] of before.files) expect(empty.files.get(name), name).toBe(text);
    expect(JSON.stringify(empty.clusters.map((c) => c.manifests))).toBe(JSON.stringify(before.clusters.map((c) => c.manifests)));
  }, 60_000);

  it('labels every object of dist/manifests; a namespace keeps its own value', async () => {
    const { clusters } = await synthFleet({ clusters: SPECS.map(labelled) });
    let objects = 0;
    for (const cluster of clusters) {
      for (const file of cluster.manifests) {
        for (const object of file.objects) {
          objects += 1;
          const expected = object.kind === 'Namespace' && object.metadata.name === 'shop' ? { ...LABELS, 'cost-centre': 'shop-1' } : LABELS;
          expect(object.metadata.labels, `${file.fileName} ${object.kind}/${object.metadata.name}`).toMatchObject(expected);
        }
      }
    }
    const kinds = new Set(clusters.flatMap((c) => c.manifests.flatMap((f) => f.objects.map((o) => o.kind))));
    expect([...kinds].sort()).toEqual(['Certificate', 'CiliumClusterwideNetworkPolicy', 'CiliumNetworkPolicy', 'ClusterIssuer', 'GlobalNetworkPolicy', 'Namespace', 'NetworkPolicy']);
    expect(objects).toBeGreaterThan(40);
  }, 60_000);

  it('labels every object the kubernetes provider applies, in every stack', async () => {
    const { stacks } = await synthFleet({ clusters: SPECS.map(labelled) });
    const all = kubernetesObjects(stacks);
    const expectedOf = (where: string) => (where.endsWith('/Namespace_shop') ? { ...LABELS, 'cost-centre': 'shop-1' } : LABELS);
    expect(all.filter((o) => !Object.entries(expectedOf(o.where)).every(([k, v]) => o.labels?.[k] === v)).map((o) => o.where)).toEqual([]);
    // The GKE shared Gateway and its namespace, Azure's ExternalDNS namespace and config.
    expect(all.map((o) => o.kind)).toEqual(expect.arrayContaining(['Gateway', 'kubernetes_namespace_v1', 'kubernetes_config_map_v1']));
    // Apply-time references in labelled objects stay Terraform references.
    const issuer = all.find((o) => o.where.startsWith('aks-labels-policies/ClusterIssuer_letsencrypt-production'))!;
    expect(issuer.labels).toMatchObject(LABELS);
    const issuerJson = JSON.stringify(Object.values<any>(resourcesOf(stacks['aks-labels-policies'], 'kubernetes_manifest')).find((r) => r.manifest.metadata.name === 'letsencrypt-production').manifest);
    expect(issuerJson).toMatch(/"subscriptionID":"\$\{[^}]+\}"/);
    const gatewayNamespace = Object.values<any>(resourcesOf(stacks['gke-labels-platform'], 'kubernetes_namespace_v1'))[0];
    expect(gatewayNamespace.metadata.labels).toEqual({ 'pod-security.kubernetes.io/enforce': 'restricted', ...LABELS });
  }, 60_000);

  it('puts the labels into the chart-wide label values of the charts that take them, and nowhere else', async () => {
    const plain = (await synthFleet({ clusters: SPECS })).stacks;
    const { stacks } = await synthFleet({ clusters: SPECS.map(labelled) });
    let checked = 0;
    for (const [name, stack] of Object.entries(stacks)) {
      for (const [id, release] of Object.entries<any>(resourcesOf(stack, 'helm_release'))) {
        const before = releaseValues(resourcesOf(plain[name], 'helm_release')[id]);
        const after = releaseValues(release);
        const key = CHART_LABEL_KEYS[release.chart];
        expect(after, `${name} ${release.name}`).toEqual(key ? withLabelsAt(before, key, LABELS) : before);
        if (key) {
          checked += 1;
          expect(key.split('.').reduce((v: any, k) => v[k], after)).toMatchObject(LABELS);
        }
      }
    }
    // cert-manager, the AWS Load Balancer Controller, the Cluster Autoscaler, ExternalDNS (twice), the Tigera operator.
    expect(checked).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('keeps labels a chart value already sets (the add-on\'s own win)', () => {
    const values = { podLabels: { a: '1' }, global: { commonLabels: { team: 'own' }, other: true } };
    expect(withLabelsAt(values, 'global.commonLabels', { team: 'org', tier: 'x' })).toEqual({ podLabels: { a: '1' }, global: { commonLabels: { team: 'own', tier: 'x' }, other: true } });
    expect(withLabelsAt({}, 'commonLabels', { team: 'org' })).toEqual({ commonLabels: { team: 'org' } });
  });

  it.runIf(SHARED_PRESENT)('uses label keys the charts have (checked against their default values)', () => {
    const files: Record<string, string> = { 'cert-manager': 'cert-manager-values.yaml', 'aws-load-balancer-controller': 'aws-load-balancer-controller-values.yaml', 'tigera-operator': 'tigera-operator-values.yaml' };
    for (const [chart, file] of Object.entries(files)) {
      const defaults = chartDefaults(file);
      const value = CHART_LABEL_KEYS[chart]!.split('.').reduce((v: any, k) => v?.[k], defaults);
      expect(value, `${chart}: ${CHART_LABEL_KEYS[chart]}`).toEqual({});
    }
  });

  it('accepts keys of the organisation\'s own domain and empty values', () => {
    expect(checkSpec({ ...MINIMAL.aws, kubernetesLabels: { 'acme.example/team': 'platform', 'acme.example/pci': '' } })).toEqual([]);
  });
});
