import type { TaintSpec } from './spec';

/** Kubernetes taint effects as the EKS and GKE APIs spell them. */
export const UPPER_SNAKE_TAINT_EFFECTS: { readonly [E in TaintSpec['effect']]: string } = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};
