import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSpecs, resolveCluster, type ClusterSpec, type ResolvedCluster } from '../../constructs';
import { networkDiagram } from '../../constructs/review/network-diagram';
import { fleet } from '../../stacks/fleet';
import { MINIMAL, MIRRORS, withSpec } from '../support/specs';

type Mermaid = { parse(text: string): Promise<{ diagramType: string }> };
let mermaid: Mermaid;
beforeAll(async () => {
  // Mermaid sanitizes labels with DOMPurify, which needs a DOM; jsdom provides one.
  const dom = new JSDOM('');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as Mermaid;
});

const examples = fleet.clusters.map((spec) => resolveCluster(mergeSpecs(fleet.defaults, spec)));
const variants: ClusterSpec[] = [
  withSpec(MINIMAL.aws, { name: 'eks-no-nat', egress: { nat: 'none', registryMirrors: MIRRORS } }),
  withSpec(MINIMAL.aws, { name: 'eks-single-nat', egress: { nat: 'single' }, zoneCount: 2 }),
  withSpec(MINIMAL.aws, { name: 'eks-public', access: { deployer: { network: { from: 'cidrs', cidrs: ['52.94.76.0/24'] } } }, ingress: { exposure: 'internet-facing' } }),
  withSpec(MINIMAL.gcp, { name: 'gke-min' }),
  withSpec(MINIMAL.azure, { name: 'aks-min' }),
];
const clusters: ResolvedCluster[] = [...examples, ...variants.map((spec) => resolveCluster(spec))];

/** Node ids declared by the diagram (`id[`, `id((`, `id{{`, `id[/`, `id>`, subgraphs). */
function declared(text: string): string[] {
  return [...text.matchAll(/^\s*(?:subgraph\s+)?([A-Za-z][A-Za-z0-9]*)(?:\[|\(|\{\{|>)/gm)].map((m) => m[1]!);
}
function edges(text: string): [string, string][] {
  return [...text.matchAll(/^\s*([A-Za-z0-9]+) (?:-->|---|-\.-)(?:\|[^|]*\|)? ([A-Za-z0-9]+)$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe('networkDiagram', () => {
  it.each(clusters.map((c) => [c.name, c] as const))('%s parses as a Mermaid flowchart', async (_name, cluster) => {
    await expect(mermaid.parse(networkDiagram(cluster))).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  });

  it.each(clusters.map((c) => [c.name, c] as const))('%s declares every node once and links only declared nodes', (_name, cluster) => {
    const text = networkDiagram(cluster);
    const ids = declared(text);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [from, to] of edges(text)) {
      expect(ids, `${from} -> ${to}`).toContain(from);
      expect(ids, `${from} -> ${to}`).toContain(to);
    }
    expect(edges(text).length).toBeGreaterThan(3);
  });

  it.each(clusters.map((c) => [c.name, c] as const))('%s shows the address plan, the CNI and the endpoint of the resolved spec', (_name, cluster) => {
    const text = networkDiagram(cluster);
    const { subnets } = cluster.network;
    for (const cidr of [cluster.network.vpcCidr, cluster.network.serviceCidr, ...subnets.private, ...subnets.public, subnets.nodes, subnets.apiServer, subnets.proxyOnly, cluster.network.podCidr]) {
      if (cidr) expect(text).toContain(cidr);
    }
    expect(text).toContain(`CNI: ${cluster.cni.kind} ${cluster.cni.mode}`);
    expect(text).toContain(cluster.access.deployer.publicEndpoint ? 'deployer -->|public endpoint| cp' : 'deployer -->|private endpoint| cp');
    expect(text.includes('internet --> lb')).toBe(cluster.ingress.exposure === 'internet-facing');
  });

  it('draws one NAT per zone, one shared NAT, or no internet egress, as the spec says', () => {
    const byName = (name: string) => networkDiagram(clusters.find((c) => c.name === name)!);
    expect(byName('eks-vpc-cni-prod').match(/--> internet$/gm)).toHaveLength(3);
    const single = byName('eks-single-nat');
    expect(single.match(/--> internet$/gm)).toHaveLength(1);
    expect(single).toMatch(/private0 --> nat0\n\s+private1 --> nat0/);
    const none = byName('eks-no-nat');
    expect(none).not.toContain('--> internet');
    expect(none).toContain('no internet egress');
    expect(byName('gke-min')).toContain('Cloud NAT<br/>3 static egress IPs');
  });

  it('escapes label characters Mermaid would read as syntax', async () => {
    const cluster = clusters.find((c) => c.name === 'eks-public')!;
    const tricky = { ...cluster, region: 'eu-"west"-<1>' };
    const text = networkDiagram(tricky);
    expect(text).toContain('eu-#quot;west#quot;-#lt;1#gt;');
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  });
});
