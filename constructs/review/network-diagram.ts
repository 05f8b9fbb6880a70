import type { Cloud, ResolvedCluster } from '../spec';

/** What each cloud calls the parts of the picture. */
interface CloudWords {
  readonly network: string;
  readonly nat: string;
  readonly controlPlane: string;
  /** Where the control plane meets the network. */
  readonly controlPlaneLink: (cluster: ResolvedCluster) => string;
  readonly loadBalancer: string;
  /** NAT gateways sit in the zones (AWS) or serve the region (GCP, Azure). */
  readonly natPerZone: boolean;
}

const CLOUD_WORDS: { readonly [C in Cloud]: CloudWords } = {
  aws: {
    network: 'VPC',
    nat: 'NAT gateway',
    controlPlane: 'EKS control plane',
    controlPlaneLink: () => 'cross-account ENIs in the private subnets',
    loadBalancer: 'AWS load balancer',
    natPerZone: true,
  },
  gcp: {
    network: 'VPC network',
    nat: 'Cloud NAT',
    controlPlane: 'GKE control plane',
    controlPlaneLink: (c) => `private endpoint in ${c.network.controlPlaneCidr ?? 'the control-plane range'}`,
    loadBalancer: 'Google Cloud load balancer',
    natPerZone: false,
  },
  azure: {
    network: 'VNet',
    nat: 'NAT Gateway',
    controlPlane: 'AKS API server',
    controlPlaneLink: (c) => `VNet integration in ${c.network.subnets.apiServer ?? 'the API server subnet'}`,
    loadBalancer: 'Azure load balancer',
    natPerZone: false,
  },
};

/** A Mermaid label: quoted, with the characters Mermaid reads as syntax escaped. */
function label(...lines: readonly string[]): string {
  const escaped = lines.map((line) => line.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;'));
  return `"${escaped.join('<br/>')}"`;
}

function endpointLines(cluster: ResolvedCluster): string[] {
  const { deployer } = cluster.access;
  return deployer.publicEndpoint
    ? [`public endpoint, open to ${deployer.publicCidrs.join(', ')} only`, 'private endpoint on']
    : ['private endpoint only', `admits ${deployer.privateCidrs.join(', ')}`];
}

function cniLines(cluster: ResolvedCluster): string[] {
  const { cni } = cluster;
  const features = [
    cni.selfInstalled ? 'self-installed (cni stack)' : 'managed by the cloud',
    cni.kubeProxyReplacement ? 'kube-proxy replacement' : 'kube-proxy',
    ...(cni.encryption !== 'none' ? [`${cni.encryption} encryption`] : []),
  ];
  return [`CNI: ${cni.kind} ${cni.mode}`, features.join(', '), `policy: ${cni.policyEnforcer}`];
}

function zoneName(cluster: ResolvedCluster, i: number): string {
  const name = cluster.zones.names?.[i];
  return name ? `zone ${i + 1}: ${name}` : `zone ${i + 1}`;
}

/**
 * The cluster's network as a Mermaid flowchart (GitHub renders it): the VPC/VNet with its subnets
 * per zone, NAT and egress IPs, the ingress load balancer, the CNI with its pod and service
 * ranges, the control plane endpoint and who may reach it. Drawn from the resolved spec the synth
 * recorded, so base and head draw the same way.
 */
export function networkDiagram(cluster: ResolvedCluster): string {
  const words = CLOUD_WORDS[cluster.cloud];
  const { network, egress, ingress } = cluster;
  const lines: string[] = ['flowchart TB'];
  const edges: string[] = [];
  const add = (indent: number, text: string): void => void lines.push(`${'  '.repeat(indent)}${text}`);

  add(1, `internet((${label('Internet')}))`);
  add(1, `deployer[[${label('Deployer', cluster.access.deployer.network.from === 'cidrs' ? 'from listed public CIDRs' : 'inside the network')}]]`);
  add(1, `subgraph net[${label(`${words.network} ${network.vpcCidr}`, cluster.region)}]`);
  add(2, 'direction TB');
  const zonal = network.subnets.private.length > 0 || network.subnets.public.length > 0;
  const nodeSubnets: string[] = [];
  const natIds: string[] = [];
  const natLabel = (ips: number): string => label(words.nat, `${ips} static egress IP${ips === 1 ? '' : 's'}`);
  if (zonal) {
    for (let i = 0; i < cluster.zones.count; i++) {
      add(2, `subgraph zone${i}[${label(zoneName(cluster, i))}]`);
      const privateCidr = network.subnets.private[i];
      const publicCidr = network.subnets.public[i];
      if (publicCidr) add(3, `public${i}[${label(`public ${publicCidr}`, 'load balancers, NAT')}]`);
      if (privateCidr) {
        add(3, `private${i}[${label(`private ${privateCidr}`, network.podCidr ? 'nodes' : 'nodes and pods')}]`);
        nodeSubnets.push(`private${i}`);
      }
      const zoneHasNat = words.natPerZone && (egress.nat === 'per-zone' || (egress.nat === 'single' && i === 0));
      if (zoneHasNat) {
        add(3, `nat${i}[/${natLabel(1)}/]`);
        natIds.push(`nat${i}`);
      }
      add(2, 'end');
    }
  }
  if (network.subnets.nodes) {
    add(2, `nodes[${label(`nodes ${network.subnets.nodes}`, `regional, ${cluster.zones.count} zones`, network.podCidr ? 'nodes' : 'nodes and pods')}]`);
    nodeSubnets.push('nodes');
  }
  if (network.subnets.apiServer) add(2, `apiserver[${label(`API server subnet ${network.subnets.apiServer}`)}]`);
  if (network.subnets.proxyOnly) add(2, `proxyonly[${label(`proxy-only ${network.subnets.proxyOnly}`, 'regional Gateway proxies')}]`);
  if (!words.natPerZone && egress.nat !== 'none') {
    add(2, `nat[/${natLabel(egress.staticIpCount)}/]`);
    natIds.push('nat');
  }
  add(2, `lb[${label(`${words.loadBalancer}, ${ingress.exposure}`, `ingress: ${ingress.controller}`)}]`);
  add(1, 'end');
  add(1, `cp{{${label(words.controlPlane, ...endpointLines(cluster), words.controlPlaneLink(cluster))}}}`);
  add(1, `cni[${label(...cniLines(cluster))}]`);
  add(1, `ranges[(${label(...(network.podCidr ? [`pods ${network.podCidr}`] : ['pods in the node subnets']), `services ${network.serviceCidr}`)})]`);

  if (egress.nat === 'none') {
    add(1, `noegress>${label('no internet egress', 'private endpoints only')}]`);
    for (const subnet of nodeSubnets) edges.push(`${subnet} -.- noegress`);
  } else {
    nodeSubnets.forEach((subnet, i) => edges.push(`${subnet} --> ${natIds[Math.min(i, natIds.length - 1)]}`));
    for (const nat of natIds) edges.push(`${nat} --> internet`);
  }
  if (ingress.exposure === 'internet-facing') edges.push('internet --> lb');
  for (const subnet of nodeSubnets) edges.push(`lb --> ${subnet}`);
  edges.push(cluster.access.deployer.publicEndpoint ? 'deployer -->|public endpoint| cp' : 'deployer -->|private endpoint| cp');
  for (const subnet of nodeSubnets) edges.push(`cp --- ${subnet}`);
  edges.push('cni -.- ranges');
  return [...lines, ...edges.map((edge) => `  ${edge}`), ''].join('\n');
}
