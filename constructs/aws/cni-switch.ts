import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, App, type TerraformStack } from 'cdktf';
import { CNI_CELLS, cellKey, type CniCell, type ResolvedCluster } from '../spec';

/** The tag on the EKS cluster that names its CNI cell (`<cloud>/<kind>/<mode>`). */
export const CNI_TAG = 'polycluster:cni';

/** The CNI cell recorded in a synthesized EKS cluster stack, if any. */
function recordedCell(stackJson: unknown): CniCell | undefined {
  if (stackJson === null || typeof stackJson !== 'object') return undefined;
  const clusters = (stackJson as { resource?: { aws_eks_cluster?: Record<string, { tags?: Record<string, unknown> }> } }).resource?.aws_eks_cluster;
  const key = Object.values(clusters ?? {})[0]?.tags?.[CNI_TAG];
  return CNI_CELLS.find((cell) => cellKey(cell) === key);
}

/**
 * The warning for changing the CNI of an EKS cluster to or from one that replaces the VPC CNI,
 * found by comparing with the previous synthesis of the cluster stack in the app's output folder.
 * (A plan shows the change too, as the `polycluster:cni` tag of the cluster; the PR review
 * compares base and head.) The cluster itself is kept, because polycluster always creates EKS
 * clusters without self-managed add-ons; but the pod network changes under running pods.
 */
export function cniSwitchWarning(stack: TerraformStack, cluster: ResolvedCluster): string | undefined {
  const previousFile = join(App.of(stack).outdir, 'stacks', stack.node.id, 'cdk.tf.json');
  if (!existsSync(previousFile)) return undefined;
  let previous: CniCell | undefined;
  try {
    previous = recordedCell(JSON.parse(readFileSync(previousFile, 'utf8')));
  } catch {
    return undefined;
  }
  const now = cluster.cni.cell;
  if (previous === undefined || cellKey(previous) === cellKey(now)) return undefined;
  // Moves that keep the VPC CNI routing pods (cloud, chaining, policy-only) keep every pod's network.
  if (!previous.replacesCloudCni && !now.replacesCloudCni) return undefined;
  const vpcCni = previous.replacesCloudCni === now.replacesCloudCni ? '' : now.replacesCloudCni ? ': the vpc-cni add-on is deleted' : ': the vpc-cni add-on is installed';
  return (
    `${cluster.name}: cni changes from ${previous.kind} mode ${previous.mode} to ${now.kind} mode ${now.mode} on a running cluster${vpcCni}. ` +
    'The EKS cluster is not replaced (polycluster creates it without self-managed add-ons), but running pods keep addresses ' +
    'from the old CNI and lose pod networking until their node group is rolled. Prefer a new cluster with the new CNI and ' +
    'move the workloads; otherwise drain every node right after deploy.'
  );
}

/** Adds the CNI switch warning to the cluster stack, where `cdktf synth` and `npm run synth` print it. */
export function warnOnCniSwitch(stack: TerraformStack, cluster: ResolvedCluster): void {
  const warning = cniSwitchWarning(stack, cluster);
  if (warning !== undefined) Annotations.of(stack).addWarning(warning);
}
