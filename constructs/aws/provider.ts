import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';
import type { ResolvedCluster } from '../spec';

/**
 * The AWS provider of one stack: the cluster's region, its tags on every resource, and the
 * expected account when the spec names one (a deploy with credentials of another account fails
 * before it changes anything).
 */
export function awsProvider(stack: TerraformStack, cluster: ResolvedCluster): AwsProvider {
  return new AwsProvider(stack, 'Aws', {
    region: cluster.region,
    defaultTags: [{ tags: { ...cluster.tags } }],
    ...(cluster.aws?.accountId ? { allowedAccountIds: [cluster.aws.accountId] } : {}),
  });
}
