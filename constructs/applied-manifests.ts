import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { TerraformStack } from 'cdktf';
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
 * Namespace; custom kinds need their CRDs, which earlier stacks install (DESIGN.md).
 */
export function applyManifests(stack: TerraformStack, files: readonly ManifestFile[]): Manifest[] {
  const namespaces = new Map<string, Manifest>();
  const applied: Manifest[] = [];
  for (const object of files.flatMap((f) => f.objects)) {
    const owner = object.metadata.namespace !== undefined ? namespaces.get(object.metadata.namespace) : undefined;
    const manifest = new Manifest(stack, manifestId(object), {
      manifest: object as unknown as Record<string, unknown>,
      ...(owner ? { dependsOn: [owner] } : {}),
    });
    if (object.kind === 'Namespace') namespaces.set(object.metadata.name, manifest);
    applied.push(manifest);
  }
  return applied;
}
