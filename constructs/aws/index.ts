/**
 * The AWS cloud folder: EKS clusters with their VPC. The only code that imports
 * @cdktf/provider-aws. Importing it registers the EKS builder with the process-wide dispatcher.
 *
 * @module polycluster/aws
 */
import { cloudDispatcher } from '../cloud-dispatch';
import { builder } from './builder';

cloudDispatcher.register(builder);

export { builder };
export { amiTypeFor, NODE_MANAGED_POLICIES, nodeConfigUserData } from './node-groups';
export { CONTROL_PLANE_LOG_TYPES } from './eks-cluster';
export { INTERFACE_ENDPOINT_SERVICES } from './vpc-endpoints';
export { awsName } from './names';
