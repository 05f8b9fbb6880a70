import type { ClusterSpec } from '../../constructs';
import { onlyResource, resourcesOf, synthCluster, type StackJson, type SynthesizedCluster } from '../support/synth';
import { MINIMAL } from '../support/specs';

/** Test helpers for the AKS synth assertions. */

/** Object ids used as Entra principals in the tests. */
export const ADMIN_GROUP = '11111111-2222-3333-4444-555555555555';
export const SECOND_ADMIN = '66666666-7777-4888-9999-aaaaaaaaaaaa';
export const DEPLOYER = '0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b';
/** Public CIDRs the deployer-CIDR tests use (validation refuses documentation ranges). */
export const DEPLOYER_CIDRS = ['81.2.69.160/28', '62.30.112.0/27'];

/** Synthesizes the minimal AKS spec with top-level fields replaced. */
export function synthAks(change: Partial<ClusterSpec> = {}): Promise<SynthesizedCluster> {
  return synthCluster({ ...MINIMAL.azure, ...change });
}

/** The AKS cluster resource of a cluster stack. */
export function aksOf(stack: StackJson | undefined): any {
  return onlyResource(stack, 'azurerm_kubernetes_cluster');
}

/** A resource by type and construct id (its Terraform name); fails when it is missing. */
export function resource(stack: StackJson | undefined, type: string, id: string): any {
  const found = resourcesOf(stack, type)[id];
  if (!found) throw new Error(`no ${type}.${id}; have ${Object.keys(resourcesOf(stack, type)).join(', ') || 'none'}`);
  return found;
}

/** `${type.id.attribute}`, the interpolation of another resource's attribute in the same stack. */
export const ref = (type: string, id: string, attribute: string): string => `\${${type}.${id}.${attribute}}`;

/** The remote-state output a later stack reads from the cluster stack, e.g. `kube_config0host`. */
export function fromClusterStack(cluster: string, output: string): string {
  return `\${data.terraform_remote_state.cross-stack-reference-input-${cluster}-cluster.outputs.cross-stack-output-${output}}`;
}

/** Role assignments with a given role name, by construct id. */
export function grantsOf(stack: StackJson | undefined, role: string): Record<string, any> {
  return Object.fromEntries(Object.entries(resourcesOf(stack, 'azurerm_role_assignment')).filter(([, r]) => r.role_definition_name === role));
}
