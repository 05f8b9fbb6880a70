import { App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedCluster } from '../spec';
import { NamespaceManifests } from './baseline-network-policies';
import { certManagerIssuers } from './cert-manager-issuers';
import { certManagerPolicies } from './cert-manager-policies';
import { ClusterWideManifests, fqdnPolicy } from './cni-policies';

/** A Kubernetes object as plain JSON, exactly as written to YAML and to `kubernetes_manifest`. */
export interface ManifestObject {
  /** The object's API group and version, e.g. `networking.k8s.io/v1`. */
  readonly apiVersion: string;
  /** The object's kind, e.g. `NetworkPolicy`. */
  readonly kind: string;
  /** The object's identity. */
  readonly metadata: {
    /** The object name. */
    readonly name: string;
    /** The namespace; absent on cluster-scoped objects. */
    readonly namespace?: string;
    /** The object's labels. */
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** One file of `dist/manifests/<cluster>/`: a namespace's objects, or the cluster-wide ones. */
export interface ManifestFile {
  /** `namespace-<name>.yaml` or `cluster-wide.yaml`. */
  readonly fileName: string;
  /** The objects of the file, in the order they are written. */
  readonly objects: readonly ManifestObject[];
}

/** The file of the cluster-wide (CNI) policies. */
export const CLUSTER_WIDE_FILE = 'cluster-wide.yaml';

/** The file of cert-manager's issuers, internal CA and namespace policies. */
export const CERT_MANAGER_FILE = 'cert-manager.yaml';

/** The file of one managed namespace. */
export const namespaceFileName = (namespace: string): string => `namespace-${namespace}.yaml`;

/**
 * The Kubernetes side of one cluster (DESIGN.md): cdk8s charts for every managed namespace, for
 * the CNI's cluster-wide policies and for cert-manager (its policies and ClusterIssuers). The same objects go to YAML for review and GitOps, and to
 * the policies stack, which applies them.
 */
export function clusterManifests(cluster: ResolvedCluster): ManifestFile[] {
  // The charts are synthesized in memory; `writeManifests` decides where files go.
  const app = new App({ yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const files: ManifestFile[] = [];
  for (const namespace of cluster.namespaces) {
    const chart = new NamespaceManifests(app, `namespace-${namespace.name}`, cluster, namespace);
    fqdnPolicy(chart, namespace);
    files.push({ fileName: namespaceFileName(namespace.name), objects: chart.toJson() as ManifestObject[] });
  }
  // Chart ids are not DNS labels, so no namespace name can clash with them.
  const clusterWide = new ClusterWideManifests(app, 'ClusterWide', cluster).toJson() as ManifestObject[];
  if (clusterWide.length > 0) files.push({ fileName: CLUSTER_WIDE_FILE, objects: clusterWide });
  if (cluster.certManager.enabled) {
    const chart = new Chart(app, 'CertManager', { disableResourceNameHashes: true });
    certManagerPolicies(chart, cluster);
    certManagerIssuers(chart, cluster);
    files.push({ fileName: CERT_MANAGER_FILE, objects: chart.toJson() as ManifestObject[] });
  }
  return files;
}

/** A file's YAML: its objects as documents, in order. */
export function manifestYaml(file: ManifestFile): string {
  return Yaml.stringify(...file.objects);
}

/** Writes `<directory>/<cluster>/*.yaml`, replacing what an earlier synth left there. */
export function writeManifests(directory: string, cluster: string, files: readonly ManifestFile[]): void {
  const folder = join(directory, cluster);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(join(folder, file.fileName), manifestYaml(file));
}
