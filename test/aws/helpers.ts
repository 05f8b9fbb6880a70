import type { ClusterSpec } from '../../constructs';
import { MINIMAL, withSpec } from '../support/specs';

/** The minimal EKS spec with changes. */
export const eks = (change: Partial<ClusterSpec> = {}): ClusterSpec => withSpec(MINIMAL.aws, change);

/** An EKS spec with Cilium replacing the VPC CNI. */
export const eksCilium = (change: Partial<ClusterSpec> = {}): ClusterSpec => eks({ cni: { kind: 'cilium', mode: 'eni' }, ...change });

/** The names of a stack's resources of one type, without cdktf's unique suffix. */
export const ADMIN_ROLE = 'arn:aws:iam::111122223333:role/platform-admins';
export const DEPLOYER_ROLE = 'arn:aws:iam::111122223333:role/deployer';

/**
 * Parses a helm release's single values document. Terraform interpolations (`${...}`, resolved at
 * plan time) are kept as strings; their quotes are HCL, not JSON.
 */
export function releaseValues(release: { values: string[] }): Record<string, any> {
  const interpolations: string[] = [];
  const json = release.values[0]!.replace(/\$\{[^}]*\}/g, (match) => `@@${interpolations.push(match) - 1}@@`);
  return JSON.parse(json, (_key, value) => (typeof value === 'string' ? value.replace(/@@(\d+)@@/g, (_m, i) => interpolations[Number(i)]!) : value));
}

/** Parses a policy document data source's statements (terraform renders `json` at plan time). */
export function statements(doc: { statement: any[] }): any[] {
  return doc.statement;
}
