import type { Cloud } from '../../spec';

/**
 * Facts about node networks that CNI values need, per cloud. Written out rather than
 * auto-detected, so a plan shows them and every node agrees.
 */

/** Interface MTU of nodes: AWS ENIs carry jumbo frames inside a VPC; Azure VNets 1500; GCP VPCs 1460. */
export const NODE_MTU: Readonly<Record<Cloud, number>> = { aws: 9001, gcp: 1460, azure: 1500 };

/** Bytes VXLAN adds to every packet (outer Ethernet, IPv4, UDP and VXLAN headers). */
export const VXLAN_OVERHEAD = 50;

/** Bytes WireGuard adds to every packet over IPv4. */
export const WIREGUARD_OVERHEAD = 60;

/**
 * A CNI's node agent (and the Tigera operator, which runs on the host network) must start on
 * nodes that are NotReady (no CNI yet) and on every tainted pool, so they tolerate every taint,
 * as the upstream charts do by default; written out so a plan shows it.
 */
export const TOLERATE_EVERY_TAINT = [{ operator: 'Exists' }] as const;

/** The taint of AKS system pools that run critical add-ons only. */
export const CRITICAL_ADDONS_ONLY = { key: 'CriticalAddonsOnly', operator: 'Exists' } as const;
