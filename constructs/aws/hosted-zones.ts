import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import type { Construct } from 'constructs';

/** Which hosted zone of a name: the public one, or the private one associated with a VPC. */
export type ZoneVisibility = { readonly privateZone: false } | { readonly privateZone: true; readonly vpcId: string };

/**
 * Route 53 hosted zones looked up by name, with construct ids `<idPrefix>0`, `<idPrefix>1`, ... by
 * position: they are data sources, so reordering the names moves no resource. A private zone must
 * be the one associated with the cluster's VPC: its records mean nothing elsewhere.
 */
export function lookUpHostedZones(scope: Construct, idPrefix: string, names: readonly string[], visibility: ZoneVisibility): DataAwsRoute53Zone[] {
  return names.map((name, i) => new DataAwsRoute53Zone(scope, `${idPrefix}${i}`, { name, ...visibility }));
}
