/**
 * Every Helm chart polycluster installs, pinned to an exact version in this one place. Bump a
 * version here and the synthesized plans of every cluster show the upgrade.
 */
export interface HelmChart {
  /** Chart repository URL (or `oci://` registry path). */
  readonly repository: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
}

export const CHARTS = {
  cilium: { repository: 'https://helm.cilium.io', chart: 'cilium', version: '1.19.3' },
  // Calico v3.31; the chart version is the Calico version.
  tigeraOperator: { repository: 'https://docs.tigera.io/calico/charts', chart: 'tigera-operator', version: 'v3.31.7' },
  clusterAutoscaler: { repository: 'https://kubernetes.github.io/autoscaler', chart: 'cluster-autoscaler', version: '9.59.0' },
  // Controller v3.5.0; ../shared/chart-values holds this version's defaults and IAM policy.
  awsLoadBalancerController: { repository: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '3.5.0' },
  // Traefik Proxy v3.7; the chart validates values against its schema, so a wrong key fails the install.
  traefik: { repository: 'https://traefik.github.io/charts', chart: 'traefik', version: '41.5.0' },
  // F5 NGINX Ingress Controller 5.6 (open source), the maintained NGINX controller.
  nginxIngress: { repository: 'oci://ghcr.io/nginx/charts', chart: 'nginx-ingress', version: '2.7.2' },
  // ExternalDNS v0.22.0.
  externalDns: { repository: 'https://kubernetes-sigs.github.io/external-dns/', chart: 'external-dns', version: '1.22.0' },
  // cert-manager v1.21.1; ../shared/chart-values holds this version's values and their schema.
  certManager: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' },
} as const satisfies Record<string, HelmChart>;
