import type { ManifestObject } from '../manifests/cluster-manifests';
import { changedPaths, flatten, type AttributeChange } from './flatten';
import type { SynthesizedCluster } from './synthesis';

/** A Kubernetes object that differs between base and head. */
export interface ObjectChange {
  /** `NetworkPolicy payments/allow-from-shop` (cluster-scoped objects have no namespace part). */
  readonly object: string;
  /** The manifest file that holds the object (head's, or base's when it was deleted). */
  readonly file: string;
  /** `create`/`delete`: the object exists on one side only; `update`: its fields or its file changed. */
  readonly action: 'create' | 'delete' | 'update';
  /** For `update`: the fields that changed (empty when only the file did); empty otherwise. */
  readonly changes: readonly AttributeChange[];
}

interface Located {
  readonly file: string;
  readonly object: ManifestObject;
}

/** The identity Kubernetes keys an object by: group/kind, namespace and name. */
export function objectKey(object: ManifestObject): string {
  const { name, namespace } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/${name}` : name}`;
}

function objectsOf(cluster: SynthesizedCluster | undefined): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const [file, objects] of cluster?.manifests ?? []) {
    for (const object of objects) out.set(`${object.apiVersion} ${objectKey(object)}`, { file, object });
  }
  return out;
}

/** The objects of one cluster's manifests that were added, removed or changed, in key order. */
export function diffManifests(base: SynthesizedCluster | undefined, head: SynthesizedCluster | undefined): ObjectChange[] {
  const before = objectsOf(base);
  const after = objectsOf(head);
  const out: ObjectChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(key);
    const b = after.get(key);
    const object = objectKey((b ?? a)!.object);
    const file = (b ?? a)!.file;
    if (a && b) {
      const changes = changedPaths(flatten(a.object), flatten(b.object));
      if (changes.length > 0 || a.file !== b.file) out.push({ object, file, action: 'update', changes });
    } else {
      out.push({ object, file, action: b ? 'create' : 'delete', changes: [] });
    }
  }
  return out;
}
