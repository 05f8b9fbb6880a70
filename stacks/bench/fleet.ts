import type { ClusterSpec, FleetSpec } from '../../constructs';
import { awsClusters, azureClusters, gcpClusters, organisationDefaults } from '../fleet';

/**
 * The example fleet's clusters taken from each cloud in turn (AWS, GCP, Azure, AWS, ...), so
 * that even a short prefix of a bench fleet mixes clouds, CNI cells and add-ons.
 */
export const BENCH_TEMPLATES: readonly ClusterSpec[] = interleave([awsClusters, gcpClusters, azureClusters]);

/** How many clusters get a VPC range of their own (10.<i>.0.0/16); later ones reuse them. */
export const DISTINCT_VPC_RANGES = 256;

/**
 * A deterministic fleet of `n` clusters for the fleet-scale bench: the example fleet's specs
 * (BENCH_TEMPLATES) in turn, renamed `<template>-n<index>` (`eks-vpc-cni-prod-n000`, ...), under
 * the example fleet's organisation defaults. What must differ between clusters of one fleet
 * differs: the name (stack names, state keys and cloud resource names derive from it), an
 * explicit Azure resource group, and the VPC range, so that the first DISTINCT_VPC_RANGES
 * clusters could be peered. Everything else (CNI, ingress, cert-manager, namespaces and their
 * allowances) is the template's, so every cluster passes validation as its template does.
 */
export function benchFleet(n: number): FleetSpec {
  if (!Number.isInteger(n) || n < 1) throw new Error(`benchFleet: n must be a positive integer, got ${n}`);
  const width = Math.max(3, String(n - 1).length);
  const clusters = Array.from({ length: n }, (_, i) => {
    const template = BENCH_TEMPLATES[i % BENCH_TEMPLATES.length]!;
    return renamed(template, `${template.name}-n${String(i).padStart(width, '0')}`, i);
  });
  return { defaults: organisationDefaults, clusters };
}

/** A template under a new name, with the per-cluster settings that must not repeat. */
function renamed(template: ClusterSpec, name: string, index: number): ClusterSpec {
  const vpcCidr = `10.${index % DISTINCT_VPC_RANGES}.0.0/16`;
  const azure = template.azure?.resourceGroupName === undefined ? template.azure : { ...template.azure, resourceGroupName: `rg-${name}` };
  return { ...template, name, network: { ...template.network, vpcCidr }, ...(azure === undefined ? {} : { azure }) };
}

/** [a0, b0, c0, a1, b1, c1, a2, c2, ...]: one from each list in turn until all are used. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const longest = Math.max(...lists.map((list) => list.length));
  return Array.from({ length: longest }, (_, i) => lists.flatMap((list) => (i < list.length ? [list[i]!] : []))).flat();
}
