import { Release } from '@cdktf/provider-helm/lib/release';
import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { applyManifests } from '../applied-manifests';
import type { ManifestObject } from '../manifests/cluster-manifests';
import type { PreparedAddon } from './addon-contract';
import { HelmAddon } from './helm-addon';

/**
 * One extra add-on in the platform stack: a `HelmAddon` like the built-in ones, after the
 * releases it depends on. Its construct id derives from the release name, so the Terraform
 * address stays put as long as the name does.
 */
export class ExtraAddon extends Construct {
  /** The add-on's pinned release. */
  readonly helm: HelmAddon;

  constructor(scope: Construct, prepared: PreparedAddon, dependsOn: readonly Release[], namespace: Manifest | undefined) {
    super(scope, `Addon-${prepared.addon.name}`);
    const { addon } = prepared;
    this.helm = new HelmAddon(this, 'Helm', {
      chart: { repository: addon.chart.repository, chart: addon.chart.chart, version: addon.chart.version },
      releaseName: addon.name,
      namespace: addon.namespace,
      values: prepared.values,
      wait: addon.wait ?? true,
      // The platform stack creates the namespace with its labels; Helm only installs into it.
      createNamespace: false,
      ...(addon.commonLabelsKey !== undefined ? { commonLabelsKey: addon.commonLabelsKey } : {}),
      dependsOn: [...(namespace ? [namespace] : []), ...dependsOn],
    });
  }
}

/**
 * Installs a cluster's extra add-ons into its platform stack, after the built-in releases it
 * holds: first the add-ons' Namespaces (`kubernetes_manifest`, with their labels), then each
 * release, depending on its namespace and on the releases it names. Releases of the cni stack
 * are installed earlier by stack order and need no explicit dependency.
 */
export function installExtraAddons(stack: TerraformStack, prepared: readonly PreparedAddon[], namespaces: readonly ManifestObject[]): ExtraAddon[] {
  if (prepared.length === 0) return [];
  const releases = new Map<string, Release>();
  for (const node of stack.node.findAll()) if (node instanceof Release && node.nameInput !== undefined) releases.set(node.nameInput, node);
  const created = applyManifests(stack, namespaces.length > 0 ? [{ fileName: 'addon-namespaces', objects: namespaces }] : []);
  const namespaceOf = new Map(namespaces.map((ns, i) => [ns.metadata.name, created[i]!]));
  const installed: ExtraAddon[] = [];
  for (const addon of prepared) {
    const after = (addon.addon.dependsOn ?? []).map((name) => releases.get(name)).filter((r): r is Release => r !== undefined);
    const extra = new ExtraAddon(stack, addon, after, namespaceOf.get(addon.addon.namespace));
    releases.set(addon.addon.name, extra.helm.release);
    installed.push(extra);
  }
  return installed;
}
