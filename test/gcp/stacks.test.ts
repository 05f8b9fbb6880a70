import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, synthCluster, synthFleet, type SynthesizedCluster } from '../support/synth';
import { addressOf, crossStackSource, gke } from './helpers';

describe('GKE phase stacks', () => {
  let synth: SynthesizedCluster;
  let gkeAddress: string;
  beforeAll(async () => {
    synth = await synthCluster(gke({ namespaces: [{ name: 'shop' }], tags: { 'cost-center': 'platform' } }));
    gkeAddress = addressOf(synth.stacks.cluster, 'google_container_cluster', () => true);
  });

  it('has cluster, nodes, platform and policies stacks, each after the one before', () => {
    const { stacks, resolved } = synth.cluster;
    expect(resolved.phases).toEqual(['cluster', 'nodes', 'platform', 'policies']);
    expect(stacks.nodes.dependencies).toContain(stacks.cluster);
    expect(stacks.platform!.dependencies).toContain(stacks.nodes);
    expect(stacks.policies!.dependencies).toContain(stacks.platform);
    // The nodes stack reads the cluster stack's state: it cannot be planned before it.
    expect(Object.keys(dataOf(synth.stacks.nodes, 'terraform_remote_state'))).toEqual(['cross-stack-reference-input-gke-test-cluster']);
  });

  it('configures a google provider with the project, region and tags (verbatim) in every stack', () => {
    for (const phase of ['cluster', 'nodes', 'platform', 'policies'] as const) {
      expect(synth.stacks[phase]!.provider.google).toEqual([
        {
          project: 'acme-platform',
          region: 'europe-west1',
          default_labels: { 'cost-center': 'platform', 'polycluster-cluster': 'gke-test', 'polycluster-profile': 'production' },
        },
      ]);
    }
  });

  it('keeps Kubernetes providers out of the cloud-only stacks', () => {
    for (const phase of ['cluster', 'nodes'] as const) {
      expect(Object.keys(synth.stacks[phase]!.provider)).toEqual(['google']);
    }
  });

  it('logs the helm and kubernetes providers in with a google_client_config token of the same stack', () => {
    for (const phase of ['platform', 'policies'] as const) {
      const stack = synth.stacks[phase]!;
      const tokens = Object.keys(dataOf(stack, 'google_client_config'));
      expect(tokens).toHaveLength(1);
      const kubernetes = stack.provider.kubernetes[0];
      expect(kubernetes.token).toBe(`\${data.google_client_config.${tokens[0]}.access_token}`);
      if (phase === 'platform') expect(stack.provider.helm[0].kubernetes.token).toBe(kubernetes.token);
      else expect(stack.provider.helm).toBeUndefined();
      expect(kubernetes.exec).toBeUndefined();
    }
  });

  it('reaches the cluster endpoint and trusts its CA through remote state of the cluster stack', () => {
    for (const phase of ['platform', 'policies'] as const) {
      const kubernetes = synth.stacks[phase]!.provider.kubernetes[0];
      const host = /^https:\/\/(\$\{data\.terraform_remote_state\.[^}]+\})$/.exec(kubernetes.host);
      expect(host).not.toBeNull();
      expect(crossStackSource(synth.stacks.cluster, host![1]!)).toBe(`\${${gkeAddress}.endpoint}`);
      const ca = /^\$\{base64decode\((data\.terraform_remote_state\.[^)]+)\)\}$/.exec(kubernetes.cluster_ca_certificate);
      expect(ca).not.toBeNull();
      expect(crossStackSource(synth.stacks.cluster, `\${${ca![1]}}`)).toBe(`\${${gkeAddress}.master_auth[0].cluster_ca_certificate}`);
    }
  });

  it('outputs the endpoint, CA, Workload Identity pool, egress IPs and the network', () => {
    const output = synth.stacks.cluster!.output;
    const network = addressOf(synth.stacks.cluster, 'google_compute_network', () => true);
    const subnet = addressOf(synth.stacks.cluster, 'google_compute_subnetwork', () => true);
    expect(output.cluster_endpoint.value).toBe(`\${${gkeAddress}.endpoint}`);
    // The provider does not mark the endpoint or the CA sensitive.
    expect(output.cluster_endpoint.sensitive).toBeUndefined();
    expect(output.cluster_ca_certificate.value).toBe(`\${${gkeAddress}.master_auth[0].cluster_ca_certificate}`);
    expect(output.workload_identity_pool.value).toBe('acme-platform.svc.id.goog');
    expect(output.egress_ips.value).toHaveLength(3);
    for (const ip of output.egress_ips.value) expect(ip).toMatch(/^\$\{google_compute_address\.\w+\.address\}$/);
    expect(output.network_id.value).toBe(`\${${network}.id}`);
    expect(output.network_self_link.value).toBe(`\${${network}.self_link}`);
    expect(output.subnetwork_id.value).toBe(`\${${subnet}.id}`);
    expect(output.subnetwork_name.value).toBe(`\${${subnet}.name}`);
    expect(output.polycluster_posture_exceptions.value).toEqual([]);
  });

  it('logs in only in the Kubernetes-facing stacks the cluster has', async () => {
    // Every cluster has a platform stack (its ingress path); without namespaces or cert-manager, no policies stack.
    const bare = await synthFleet({ clusters: [gke({ certManager: { enabled: false } })] });
    expect(bare.clusters[0]!.resolved.phases).toEqual(['cluster', 'nodes', 'platform']);
    expect(Object.keys(bare.stacks)).toEqual(['gke-test-cluster', 'gke-test-nodes', 'gke-test-platform']);
    for (const name of ['gke-test-cluster', 'gke-test-nodes']) {
      expect(dataOf(bare.stacks[name], 'google_client_config')).toEqual({});
      expect(bare.stacks[name]!.provider.kubernetes).toBeUndefined();
    }
    expect(Object.keys(dataOf(bare.stacks['gke-test-platform'], 'google_client_config'))).toHaveLength(1);
    expect(bare.stacks['gke-test-platform']!.provider.kubernetes).toHaveLength(1);
  });

  it('lists a public endpoint as a posture exception', async () => {
    const { stacks } = await synthCluster(gke({ access: { deployer: { network: { from: 'cidrs', cidrs: ['81.2.69.160/29'] } } } }));
    expect(stacks.cluster!.output.polycluster_posture_exceptions.value).toEqual([
      expect.objectContaining({ path: 'access.deployer.network', effect: 'the public API endpoint is on, open to 81.2.69.160/29 only' }),
    ]);
  });

  it('enables the APIs the cluster needs first, and never disables them', () => {
    const services = Object.values(synth.stacks.cluster!.resource.google_project_service) as any[];
    expect(services.map((s) => s.service).sort()).toEqual([
      'cloudkms.googleapis.com',
      'compute.googleapis.com',
      'container.googleapis.com',
      'iam.googleapis.com',
      'logging.googleapis.com',
      'monitoring.googleapis.com',
    ]);
    expect(services.every((s) => s.disable_on_destroy === false)).toBe(true);
    const gkeCluster = synth.stacks.cluster!.resource.google_container_cluster[gkeAddress.split('.')[1]!];
    const container = addressOf(synth.stacks.cluster, 'google_project_service', (s) => s.service === 'container.googleapis.com');
    expect(gkeCluster.depends_on).toContain(container);
  });
});
