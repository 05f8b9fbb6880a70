import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, App, type TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';

/** Whether a synthesized EKS cluster stack keeps the VPC CNI add-on; undefined when unreadable. */
function keepsVpcCni(stackJson: unknown): boolean | undefined {
  if (stackJson === null || typeof stackJson !== 'object') return undefined;
  const addons = (stackJson as { resource?: { aws_eks_addon?: Record<string, { addon_name?: unknown }> } }).resource?.aws_eks_addon;
  return Object.values(addons ?? {}).some((addon) => addon.addon_name === 'vpc-cni');
}

/**
 * The warning for moving an existing EKS cluster between the VPC CNI and a CNI that replaces it,
 * found by comparing with the previous synthesis of the cluster stack in the app's output folder
 * (the one `cdktf diff` and `cdktf deploy` compare against on this machine). The cluster itself
 * is kept, because polycluster always creates EKS clusters without self-managed add-ons; but
 * the VPC CNI add-on comes or goes under running pods.
 */
export function cniSwitchWarning(stack: TerraformStack, cluster: ResolvedCluster): string | undefined {
  const previousFile = join(App.of(stack).outdir, 'stacks', stack.node.id, 'cdk.tf.json');
  if (!existsSync(previousFile)) return undefined;
  let previous: boolean | undefined;
  try {
    previous = keepsVpcCni(JSON.parse(readFileSync(previousFile, 'utf8')));
  } catch {
    return undefined;
  }
  const now = !cluster.cni.cell.replacesCloudCni;
  if (previous === undefined || previous === now) return undefined;
  const to = `${cluster.cni.kind} mode ${cluster.cni.mode}`;
  const change = now ? `back to the VPC CNI (${to}): the vpc-cni add-on is installed` : `to ${to}, which replaces the VPC CNI: the vpc-cni add-on is deleted`;
  return (
    `${cluster.name}: cni changes ${change} on a running cluster. The EKS cluster is not replaced (polycluster creates it ` +
    'without self-managed add-ons), but running pods keep addresses from the old CNI and lose pod networking until their ' +
    'node group is rolled. Prefer a new cluster with the new CNI and move the workloads; otherwise drain every node right after deploy.'
  );
}

/** Adds the CNI switch warning to the cluster stack, where `cdktf synth` and `npm run synth` print it. */
export function warnOnCniSwitch(stack: TerraformStack, cluster: ResolvedCluster): void {
  const warning = cniSwitchWarning(stack, cluster);
  if (warning !== undefined) Annotations.of(stack).addWarning(warning);
}
