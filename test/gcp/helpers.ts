import type { ClusterSpec } from '../../constructs';
import { resourcesOf, type StackJson } from '../support/synth';
import { MINIMAL } from '../support/specs';

/** A minimal valid GKE spec with fields replaced. */
export const gke = (change: Partial<ClusterSpec> = {}): ClusterSpec => ({ ...MINIMAL.gcp, ...change });

/** The only GKE cluster resource of a cluster stack. */
export function clusterResource(stack: StackJson | undefined): Record<string, any> {
  const all = Object.values(resourcesOf(stack, 'google_container_cluster'));
  if (all.length !== 1) throw new Error(`expected one google_container_cluster, found ${all.length}`);
  return all[0];
}

/** The resource of a type whose `name` attribute is `name`; fails when there is not exactly one. */
export function resourceNamed(stack: StackJson | undefined, type: string, name: string): Record<string, any> {
  const all = Object.values(resourcesOf(stack, type)).filter((r: any) => r.name === name);
  if (all.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${all.length}`);
  return all[0];
}

/** The node pools of a nodes stack, keyed by pool name. */
export function poolsByName(stack: StackJson | undefined): Record<string, any> {
  return Object.fromEntries(Object.values(resourcesOf(stack, 'google_container_node_pool')).map((p: any) => [p.name, p]));
}

/** The Terraform address (`type.name`) of a resource of a stack, found by a predicate. */
export function addressOf(stack: StackJson | undefined, type: string, match: (resource: any) => boolean): string {
  const entry = Object.entries(resourcesOf(stack, type)).find(([, r]) => match(r));
  if (!entry) throw new Error(`no ${type} matches`);
  return `${type}.${entry[0]}`;
}

/**
 * What a cross-stack reference in a consuming stack stands for: the expression of the producing
 * stack's output that cdktf wired through `terraform_remote_state`.
 */
export function crossStackSource(producer: StackJson | undefined, expression: string): string {
  const match = /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.([^}]+)\}$/.exec(expression);
  if (!match) throw new Error(`${expression} is not a whole cross-stack reference`);
  const output = producer?.output?.[match[1]!];
  if (!output) throw new Error(`the producing stack has no output ${match[1]}`);
  return output.value;
}
