import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { EXEC_API_VERSION, connectKubernetesStacks, type KubeExec } from '../kube-providers';
import type { PhaseStacks } from '../phase-stacks';

/**
 * The application id of the AKS AAD server ("Azure Kubernetes Service AAD Server"), the same in
 * every tenant: tokens for an Entra-enabled AKS API server are requested for this audience.
 */
export const AKS_AAD_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/**
 * kubelogin as a client-go credential plugin: the helm and kubernetes providers get a
 * short-lived Entra token at plan/apply time and nothing lands in state. Local accounts are
 * disabled, so there is no admin kubeconfig to fall back to. `azurecli` reuses the `az login`
 * of the machine running `cdktf deploy` (a developer, or CI after `az login` / azure/login);
 * CI can instead run kubelogin with `--login workloadidentity` (federated token, e.g. GitHub
 * OIDC) or `--login spn` (service principal from the environment).
 */
export const KUBELOGIN_EXEC: KubeExec = {
  apiVersion: EXEC_API_VERSION,
  command: 'kubelogin',
  args: ['get-token', '--login', 'azurecli', '--server-id', AKS_AAD_SERVER_APP_ID],
};

/**
 * Points the providers of the cni, platform and policies stacks at the cluster. Host and CA are
 * cross-stack references (remote state of the cluster stack): the host is the private FQDN for
 * a private cluster and the public one otherwise.
 */
export function connectAksStacks(stacks: PhaseStacks, aks: KubernetesCluster): void {
  const kubeConfig = aks.kubeConfig.get(0);
  connectKubernetesStacks(stacks, () => ({
    host: kubeConfig.host,
    clusterCaCertificateBase64: kubeConfig.clusterCaCertificate,
    exec: KUBELOGIN_EXEC,
  }));
}
