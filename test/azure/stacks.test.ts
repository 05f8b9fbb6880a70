import { describe, expect, it } from 'vitest';
import { AKS_AAD_SERVER_APP_ID } from '../../constructs/azure/kube-access';
import { fromClusterStack, synthAks } from './aks';

const KUBELOGIN = {
  api_version: 'client.authentication.k8s.io/v1beta1',
  command: 'kubelogin',
  args: ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'],
};
const HOST = fromClusterStack('aks-test', 'azurerm_kubernetes_clusterClusterkube_config0host');
const CA = `\${base64decode(data.terraform_remote_state.cross-stack-reference-input-aks-test-cluster.outputs.cross-stack-output-azurerm_kubernetes_clusterClusterkube_config0cluster_ca_certificate)}`;

describe('AKS phase stacks and providers', () => {
  it('logs the helm and kubernetes providers of every later stack in with kubelogin, against this cluster', async () => {
    const { stacks } = await synthAks({ cni: { kind: 'cilium', mode: 'overlay' }, namespaces: [{ name: 'shop' }] });
    expect(AKS_AAD_SERVER_APP_ID).toBe('6dae42f8-4368-4678-94ff-3960e28e3630');
    for (const phase of ['cni', 'platform'] as const) {
      const provider = stacks[phase]!.provider;
      expect(provider.helm[0].kubernetes).toEqual({ host: HOST, cluster_ca_certificate: CA, exec: KUBELOGIN });
      expect(provider.kubernetes).toEqual([{ host: HOST, cluster_ca_certificate: CA, exec: [KUBELOGIN] }]);
      expect(provider.azurerm).toBeUndefined();
    }
    expect(stacks.policies!.provider).toEqual({ kubernetes: [{ host: HOST, cluster_ca_certificate: CA, exec: [KUBELOGIN] }] });
    // No static credential anywhere: no token, no client certificate.
    expect(JSON.stringify(stacks)).not.toMatch(/client_key|client_certificate|"token"/);
  });

  it('keeps the cluster and nodes stacks on the azurerm provider alone', async () => {
    const { stacks } = await synthAks({ azure: { subscriptionId: '3c8e5f2a-1b7d-4a9e-8c6f-d2e4b1a7f3c9' } });
    for (const stack of [stacks.cluster!, stacks.nodes!]) {
      expect(Object.keys(stack.provider)).toEqual(['azurerm']);
      expect(stack.provider.azurerm[0]).toMatchObject({ subscription_id: '3c8e5f2a-1b7d-4a9e-8c6f-d2e4b1a7f3c9', storage_use_azuread: true });
      expect(stack.provider.azurerm[0].features[0].key_vault[0]).toMatchObject({ purge_soft_delete_on_destroy: false, recover_soft_deleted_key_vaults: true });
    }
  });

  it('leaves the subscription to the environment when the spec names none', async () => {
    const { stacks } = await synthAks();
    expect(stacks.cluster!.provider.azurerm[0].subscription_id).toBeUndefined();
  });

  it('deploys nodes after the cluster, with the cni stack in between when there is one', async () => {
    const managed = await synthAks();
    expect(managed.cluster.resolved.phases).toEqual(['cluster', 'nodes', 'platform', 'policies']);
    expect(managed.cluster.stacks.nodes.dependencies).toContain(managed.cluster.stacks.cluster);

    const byo = await synthAks({ cni: { kind: 'cilium', mode: 'overlay' } });
    const { cluster, cni, nodes } = byo.cluster.stacks;
    expect(byo.cluster.stacks.all().map((s) => s.node.id)).toEqual(['aks-test-cluster', 'aks-test-cni', 'aks-test-nodes', 'aks-test-platform', 'aks-test-policies']);
    expect(cni!.dependencies).toContain(cluster);
    expect(nodes.dependencies).toContain(cni);
  });
});

describe('AKS cluster stack outputs', () => {
  it('reports the cluster, its network, the OIDC issuer and the egress addresses', async () => {
    const { stacks } = await synthAks();
    const outputs = stacks.cluster!.output;
    const values = Object.fromEntries(Object.entries(outputs).map(([name, o]: [string, any]) => [name, o.value]));
    expect(values).toMatchObject({
      cluster_id: '${azurerm_kubernetes_cluster.Cluster.id}',
      cluster_name: '${azurerm_kubernetes_cluster.Cluster.name}',
      resource_group_name: '${azurerm_resource_group.ResourceGroup.name}',
      oidc_issuer_url: '${azurerm_kubernetes_cluster.Cluster.oidc_issuer_url}',
      egress_ips: ['${azurerm_public_ip.EgressIp1.ip_address}', '${azurerm_public_ip.EgressIp2.ip_address}', '${azurerm_public_ip.EgressIp3.ip_address}'],
      vnet_id: '${azurerm_virtual_network.VirtualNetwork.id}',
      node_subnet_id: '${azurerm_subnet.NodeSubnet.id}',
      api_server_subnet_id: '${azurerm_subnet.ApiServerSubnet.id}',
      kubelet_identity_object_id: '${azurerm_kubernetes_cluster.Cluster.kubelet_identity[0].object_id}',
      api_server_fqdn: '${azurerm_kubernetes_cluster.Cluster.private_fqdn}',
    });
    expect(outputs.polycluster_posture_exceptions).toBeDefined();
    for (const [name, output] of Object.entries(outputs) as [string, any][]) {
      if (!name.startsWith('cross-stack-output-')) expect(output.description, name).toBeTruthy();
    }
  });

  it('reports the public FQDN when the endpoint is public', async () => {
    const { stacks } = await synthAks({ access: { deployer: { network: { from: 'cidrs', cidrs: ['81.2.69.160/28'] } } } });
    expect(stacks.cluster!.output.api_server_fqdn.value).toBe('${azurerm_kubernetes_cluster.Cluster.fqdn}');
  });
});
