import { boundedName } from '../naming';

/** IAM role and policy names stop at 64 characters; EKS cluster names may have 100. */
export const awsName = (cluster: string, suffix: string, limit = 64): string => boundedName(cluster, suffix, limit);

/** The log group EKS writes control-plane logs to; EKS fixes this name. */
export const controlPlaneLogGroup = (cluster: string): string => `/aws/eks/${cluster}/cluster`;
