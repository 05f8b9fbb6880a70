/**
 * The control-plane logs the secure default turns on, per cloud: the cloud folders write these
 * and the PR review checks the synthesized output against them.
 * - EKS: every control-plane log type.
 * - GKE: system components, API server, controller manager, scheduler and workloads.
 * - AKS: diagnostic categories; `kube-audit-admin` (audit events without get/list) instead of
 *   `kube-audit`, which multiplies log volume for little security value.
 */
export const CONTROL_PLANE_LOGS = {
  aws: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  gcp: ['SYSTEM_COMPONENTS', 'APISERVER', 'CONTROLLER_MANAGER', 'SCHEDULER', 'WORKLOADS'],
  azure: ['kube-apiserver', 'kube-audit-admin', 'kube-controller-manager', 'kube-scheduler', 'cluster-autoscaler', 'cloud-controller-manager', 'guard'],
} as const;
