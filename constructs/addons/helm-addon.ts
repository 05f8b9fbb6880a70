import { Release } from '@cdktf/provider-helm/lib/release';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { HelmChart } from './charts';

/** A chart installed by the helm provider of the stack it is created in. */
export interface HelmAddonProps {
  /** The pinned chart to install: repository, chart name and exact version. */
  readonly chart: HelmChart;
  /** Helm release name; also the Terraform address, so it must never change. */
  readonly releaseName: string;
  /** The release's namespace; created with the release unless it is `kube-system`. */
  readonly namespace: string;
  /** Chart values. Key order is kept, so the rendered values are stable between synths. */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Wait for the release's workloads to be ready. Must be false in the cni stack: no node
   * exists yet, so nothing can become ready.
   */
  readonly wait: boolean;
  /**
   * Create the namespace with the release.
   * @default true unless the namespace is `kube-system`
   */
  readonly createNamespace?: boolean;
  /** What must exist first, e.g. a controller whose webhook the release's objects pass through. */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Dot path in the values where the chart takes labels for all its objects (`commonLabels`);
   * the spec's `kubernetesLabels` go there.
   * @default the built-in chart's key in `CHART_LABEL_KEYS`, else none
   */
  readonly commonLabelsKey?: string;
}

/** A pinned Helm release with its values rendered as one reviewable YAML (JSON) document. */
export class HelmAddon extends Construct {
  /** The Terraform `helm_release`; add `dependsOn` or read its status through it. */
  readonly release: Release;
  /** The pinned chart. */
  readonly chart: HelmChart;
  /** The values as given, before rendering (organisation labels are merged into these). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Where the chart takes labels for all its objects, when the props name it. */
  readonly commonLabelsKey?: string;

  constructor(scope: Construct, id: string, props: HelmAddonProps) {
    super(scope, id);
    this.chart = props.chart;
    this.values = props.values;
    if (props.commonLabelsKey !== undefined) this.commonLabelsKey = props.commonLabelsKey;
    this.release = new Release(this, 'Release', {
      name: props.releaseName,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      namespace: props.namespace,
      createNamespace: props.createNamespace ?? props.namespace !== 'kube-system',
      // Multi-line values make the plan diff of a values change readable in a pull request.
      values: [JSON.stringify(props.values, null, 2)],
      wait: props.wait,
      atomic: props.wait,
      cleanupOnFail: true,
      maxHistory: 10,
      timeout: 900,
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    });
  }
}
