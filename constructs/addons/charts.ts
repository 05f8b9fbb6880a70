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
} as const satisfies Record<string, HelmChart>;
