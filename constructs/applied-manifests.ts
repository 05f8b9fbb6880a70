import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { dependable, type TerraformStack } from 'cdktf';
import { withApplyTimeValues, type ApplyTimeValues } from './apply-time-values';
import { BASELINE_POLICY } from './manifests/baseline-network-policies';
import type { ManifestFile, ManifestObject } from './manifests/cluster-manifests';

/**
 * Terraform id of one object: kind, namespace and name. It becomes the resource address in the
 * policies stack's state, so it must not change while the object exists; renaming an object in
 * the spec replaces it, which for a Namespace deletes everything in it.
 */
export function manifestId(object: ManifestObject): string {
  const { namespace, name } = object.metadata;
  // Terraform names take no dots; Kubernetes names take no underscores, so the mapping stays one to one.
  return [object.kind, ...(namespace !== undefined ? [namespace] : []), name].join('_').replace(/\./g, '_');
}

/**
 * Applies the cluster's manifests in its policies stack with `kubernetes_manifest`, one resource
 * per object: the exact objects written to dist/manifests. Namespaced objects wait for their
 * Namespace; custom kinds need their CRDs, which earlier stacks install (DESIGN.md). Apply-time
 * placeholders are replaced by the Terraform references in `values`.
 */
export function applyManifests(stack: TerraformStack, files: readonly ManifestFile[], values: ApplyTimeValues = {}): Manifest[] {
  const namespaces = new Map<string, Manifest>();
  const applied: [ManifestObject, Manifest][] = [];
  for (const object of files.flatMap((f) => f.objects)) {
    const owner = object.metadata.namespace !== undefined ? namespaces.get(object.metadata.namespace) : undefined;
    const id = manifestId(object);
    const manifest = new Manifest(stack, id, {
      manifest: withApplyTimeValues(object, values, `${stack.node.id}/${id}`) as unknown as Record<string, unknown>,
      ...(owner ? { dependsOn: [owner] } : {}),
    });
    if (object.kind === 'Namespace') namespaces.set(object.metadata.name, manifest);
    applied.push([object, manifest]);
  }
  // Deny last: a namespace's default deny waits for its allow policies, so a running workload (or
  // cert-manager's webhook, which the same apply calls) never meets the deny alone.
  for (const [object, manifest] of applied.filter(([o]) => isDefaultDeny(o))) {
    const allows = applied.filter(([o]) => o !== object && isPolicy(o) && o.metadata.namespace === object.metadata.namespace);
    manifest.dependsOn = [...(manifest.dependsOn ?? []), ...allows.map(([, m]) => dependable(m))];
  }
  return applied.map(([, m]) => m);
}

/** NetworkPolicies and the CNI's namespaced policies. */
const isPolicy = (o: ManifestObject): boolean => o.kind === 'NetworkPolicy' || o.kind === 'CiliumNetworkPolicy';

const isDefaultDeny = (o: ManifestObject): boolean => o.kind === 'NetworkPolicy' && o.metadata.name === BASELINE_POLICY.defaultDeny;
