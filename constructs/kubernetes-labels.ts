import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Aspects, type IAspect, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { HelmAddon } from './addons/helm-addon';
import type { ManifestObject } from './manifests/cluster-manifests';

/** Labels by key. */
export type Labels = Readonly<Record<string, string>>;

/**
 * Where each built-in chart takes labels for every object it renders (a dot path in its values).
 * Checked against the charts' default values (../shared/chart-values) where they are kept there.
 * Cilium, Traefik and the F5 NGINX chart are not listed: their chart-wide label keys could not be
 * checked against their values (Traefik refuses unknown keys), so their objects carry none.
 */
export const CHART_LABEL_KEYS: Readonly<Record<string, string>> = {
  'cert-manager': 'global.commonLabels',
  'aws-load-balancer-controller': 'additionalLabels',
  'tigera-operator': 'additionalLabels',
  'cluster-autoscaler': 'additionalLabels',
  'external-dns': 'commonLabels',
};

/** Adds labels the object lacks; labels it already has (its own, more specific ones) win. */
export function mergeLabels(own: Labels | undefined, organisation: Labels): Labels {
  const added = Object.entries(organisation).filter(([key]) => own?.[key] === undefined);
  return { ...own, ...Object.fromEntries(added) };
}

/** A Kubernetes object with the organisation's labels added to its metadata. */
export function labelObject<T extends ManifestObject>(object: T, labels: Labels): T {
  return { ...object, metadata: { ...object.metadata, labels: mergeLabels(object.metadata.labels, labels) } };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Chart values with labels merged in at a dot path (`global.commonLabels`): labels the values
 * already set there win. Nothing else changes, key order included.
 */
export function withLabelsAt(values: Readonly<Record<string, unknown>>, path: string, labels: Labels): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const current = values[head!];
  const inner = isPlainObject(current) ? current : {};
  const merged = rest.length === 0 ? mergeLabels(inner as Labels, labels) : withLabelsAt(inner, rest.join('.'), labels);
  return { ...values, [head!]: merged };
}

/**
 * Puts the organisation's Kubernetes labels (`kubernetesLabels`) on what a stack installs through
 * the kubernetes and helm providers: Namespaces and ConfigMaps made with `kubernetes_*_v1`,
 * every `kubernetes_manifest` object, and the values of the Helm releases whose charts take
 * chart-wide labels (`CHART_LABEL_KEYS`, or an extra add-on's `commonLabelsKey`). Applied at
 * synthesis, after every construct exists, like cdktf's own tagging aspects.
 */
export class KubernetesLabels implements IAspect {
  constructor(private readonly labels: Labels) {}

  /** Registers the aspect on each stack; with no labels nothing is registered and nothing changes. */
  static applyTo(stacks: readonly TerraformStack[], labels: Labels | undefined): void {
    if (labels === undefined || Object.keys(labels).length === 0) return;
    for (const stack of stacks) Aspects.of(stack).add(new KubernetesLabels(labels));
  }

  /** Labels one construct, if it is a release, a kubernetes_*_v1 object or a manifest. */
  visit(node: IConstruct): void {
    if (node instanceof HelmAddon) {
      const key = node.commonLabelsKey ?? CHART_LABEL_KEYS[node.chart.chart];
      if (key !== undefined) node.release.values = [JSON.stringify(withLabelsAt(node.values, key, this.labels), null, 2)];
    } else if (node instanceof NamespaceV1 || node instanceof ConfigMapV1) {
      const metadata = node.metadata.internalValue;
      if (metadata) node.putMetadata({ ...metadata, labels: mergeLabels(metadata.labels, this.labels) });
    } else if (node instanceof Manifest) {
      const object = node.manifestInput as unknown as ManifestObject | undefined;
      if (object?.metadata) node.manifest = labelObject(object, this.labels) as unknown as Record<string, unknown>;
    }
  }
}
