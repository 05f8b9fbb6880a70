import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, type TerraformStack } from 'cdktf';
import type { PhaseStacks } from './phase-stacks';

/**
 * How the helm and kubernetes providers of one stack reach and log in to the cluster
 * (DESIGN.md "Deploy access"). A token is short-lived and comes from a data source of the
 * consuming stack; an exec plugin keeps credentials out of state entirely.
 */
export interface KubeConnection {
  /** API server URL, `https://...`. */
  readonly host: string;
  /** The cluster CA, base64-encoded PEM as every cloud reports it. */
  readonly clusterCaCertificateBase64: string;
  /** A bearer token (GKE: `google_client_config.access_token`). */
  readonly token?: string;
  /** A credential plugin (EKS: `aws eks get-token`; AKS: `kubelogin`). */
  readonly exec?: KubeExec;
}

/** A client-go credential plugin. */
export interface KubeExec {
  /** The client.authentication.k8s.io version the plugin speaks. */
  readonly apiVersion: string;
  /** The plugin's executable, e.g. `aws` or `kubelogin`. */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Extra environment variables for the plugin. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Which Kubernetes providers each post-cluster phase needs (DESIGN.md phase table). */
const PROVIDERS_BY_PHASE = {
  cni: { helm: true, kubernetes: true },
  platform: { helm: true, kubernetes: true },
  policies: { helm: false, kubernetes: true },
} as const;

/** The exec plugin API every client-go credential plugin in use speaks. */
export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/**
 * Configures the helm and kubernetes providers in every Kubernetes-facing phase stack that the
 * cluster has. `connect` is called once per stack so that data sources (tokens) live in the stack
 * that uses them; cross-stack values (endpoint, CA) arrive through cdktf remote state.
 */
export function connectKubernetesStacks(stacks: PhaseStacks, connect: (stack: TerraformStack) => KubeConnection): void {
  for (const phase of ['cni', 'platform', 'policies'] as const) {
    const stack = stacks[phase];
    if (!stack) continue;
    const connection = connect(stack);
    const kubernetes = {
      host: connection.host,
      clusterCaCertificate: Fn.base64decode(connection.clusterCaCertificateBase64),
      ...(connection.token !== undefined ? { token: connection.token } : {}),
    };
    const exec = connection.exec && {
      apiVersion: connection.exec.apiVersion,
      command: connection.exec.command,
      args: [...connection.exec.args],
      ...(connection.exec.env ? { env: { ...connection.exec.env } } : {}),
    };
    const wanted = PROVIDERS_BY_PHASE[phase];
    if (wanted.helm) new HelmProvider(stack, 'Helm', { kubernetes: { ...kubernetes, ...(exec ? { exec } : {}) } });
    if (wanted.kubernetes) new KubernetesProvider(stack, 'Kubernetes', { ...kubernetes, ...(exec ? { exec: [exec] } : {}) });
  }
}
