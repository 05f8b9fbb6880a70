import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import type { ResolvedCluster } from '../spec';
import { connectKubernetesStacks } from '../kube-providers';
import type { PhaseStacks } from '../phase-stacks';
import type { GkeCluster } from './gke-cluster';
import { googleProvider } from './provider';

/**
 * Logs the helm and kubernetes providers of the platform and policies stacks in to the cluster
 * (DESIGN.md "Deploy access"): the endpoint and CA come from the cluster stack through remote
 * state; the bearer token is the deployer's own short-lived Google access token, read by a
 * `google_client_config` in the consuming stack itself, so no long-lived credential exists and
 * every deploy acts as whoever runs it (GKE IAM decides what that identity may do).
 */
export function connectGkeStacks(stacks: PhaseStacks, cluster: ResolvedCluster, gke: GkeCluster): void {
  connectKubernetesStacks(stacks, (stack) => {
    googleProvider(stack, cluster);
    const client = new DataGoogleClientConfig(stack, 'ClientConfig');
    return {
      host: `https://${gke.endpoint}`,
      clusterCaCertificateBase64: gke.caCertificate,
      token: client.accessToken,
    };
  });
}
