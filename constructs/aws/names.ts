import { createHash } from 'node:crypto';

/**
 * Names of account-wide AWS resources (IAM roles and policies, log groups) derived from the
 * cluster name. EKS allows 100-character cluster names but IAM role names stop at 64, so long
 * names are cut and given a short stable hash: two clusters never collide, and a name never
 * changes between synths (a changed name replaces the resource).
 */
export function awsName(cluster: string, suffix: string, limit = 64): string {
  const full = `${cluster}-${suffix}`;
  if (full.length <= limit) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const room = limit - suffix.length - hash.length - 2;
  return `${cluster.slice(0, room)}-${hash}-${suffix}`;
}

/** The log group EKS writes control-plane logs to; EKS fixes this name. */
export const controlPlaneLogGroup = (cluster: string): string => `/aws/eks/${cluster}/cluster`;
