import { defaultFor } from '../spec/defaults';
import type { Cloud } from '../spec/types';
import { isAnyAddress, type TerraformResource, type TerraformView } from './posture-json';

/** A departure from the production defaults, as the cluster stack's `polycluster_posture_exceptions` output lists it. */
export interface PostureExceptionRecord {
  /** Spec path, e.g. `access.deployer.network` or `namespaces[0].baseline`. */
  readonly path: string;
  /** The value in force, JSON-encoded. */
  readonly value: string;
  /** The production default, JSON-encoded. */
  readonly secure_value: string;
  /** `spec` (written in the spec) or `profile` (a development-profile relaxation). */
  readonly source: string;
  /** What the departure costs, in words. */
  readonly effect: string;
}

/** What a check read from the synthesized JSON. */
export interface PostureReading {
  /** Short human text of what will be deployed. */
  readonly value: string;
  /** Whether it meets REFERENCE.md's secure defaults. */
  readonly secure: boolean;
  /**
   * Whether the declared exceptions at the check's paths account for what was read (for
   * example: the endpoint opens to exactly the CIDRs the opt-out names).
   * @default at least one such exception
   */
  readonly explainedBy?: (exceptions: readonly PostureExceptionRecord[]) => boolean;
}

/** One row of the posture: how to read it from the JSON and which opt-outs may explain it. */
export interface PostureCheck {
  /** Row label, e.g. `API endpoint`. */
  readonly item: string;
  /** Exception paths that can explain a non-secure reading; `[]` stands for any list index. */
  readonly paths: readonly string[];
  /** The reading, or undefined when the row does not apply to these stacks. */
  readonly read: (view: TerraformView) => PostureReading | undefined;
}

/** A row of one cloud, read with the cloud's cluster resource in hand. */
export type ClusterReader = (cluster: TerraformResource, view: TerraformView) => PostureReading | undefined;

/**
 * The spec paths whose declared exceptions can explain each row (rows not listed have none); a
 * cloud may narrow them in {@link CloudPosture.paths}.
 */
export const ITEM_PATHS: Readonly<Partial<Record<PostureItem, readonly string[]>>> = {
  'API endpoint': ['access.deployer.network'],
  'Control-plane logging': ['security.logRetentionDays'],
  'Control-plane tier': ['profile'],
  'Egress IPs': ['egress.nat'],
  'Host encryption': ['security.hostEncryption'],
  'Flow logs': ['security.logRetentionDays'],
};

/** What one cloud contributes: how to recognise it and how to read its rows. */
export interface CloudPosture {
  /** The resource type of the cloud's managed cluster; its presence names the cloud. */
  readonly clusterType: string;
  /** The cloud's rows by item (policy enforcement and namespaces are cloud-neutral and added by posture.ts). */
  readonly readers: Readonly<Partial<Record<PostureItem, ClusterReader>>>;
  /**
   * Rows whose explaining paths differ from {@link ITEM_PATHS} on this cloud.
   * @default none
   */
  readonly paths?: Readonly<Partial<Record<PostureItem, readonly string[]>>>;
  /** Network policy enforcement by the cloud's own networking, in words, if it is on. */
  readonly managedPolicyEnforcement: (view: TerraformView) => string | undefined;
}

/** The order of rows in every table, whatever the cloud, so tables of different clusters line up. */
export const POSTURE_ITEMS = [
  'API endpoint',
  'Authentication',
  'Secrets encryption',
  'Control-plane logging',
  'Control-plane tier',
  'Workload identity',
  'Policy enforcement',
  'Namespace default deny',
  'Egress IPs',
  'Node metadata',
  'Node public IPs',
  'Host encryption',
  'Flow logs',
] as const;

/** One row of the posture table. */
export type PostureItem = (typeof POSTURE_ITEMS)[number];

/** The production log retention every cloud must meet (the spec's own default). */
export const secureRetentionDays = (cloud: Cloud): number => defaultFor('security.logRetentionDays', cloud, 'production') as number;

/** Whether an exception path (`namespaces[2].baseline`) matches a pattern (`namespaces[].baseline`). */
export function pathMatches(pattern: string, path: string): boolean {
  const escape = (part: string): string => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split('[]').map(escape).join('\\[\\d+\\]')}$`).test(path);
}

/** The decoded `value` of an exception (JSON-encoded in the output), or the raw text. */
export function exceptionValue(e: PostureExceptionRecord): unknown {
  try {
    return JSON.parse(e.value);
  } catch {
    return e.value;
  }
}

/**
 * The reading of a public API endpoint: secure only when private; explained when every open
 * CIDR is one the deployer opt-out names (never the whole internet, which no spec can ask for).
 */
export function publicEndpoint(openTo: readonly string[], note = ''): PostureReading {
  const text = openTo.length === 0 || openTo.some(isAnyAddress) ? 'any address (0.0.0.0/0)' : openTo.join(', ');
  return {
    value: `public, open to ${text}${note}`,
    secure: false,
    explainedBy: (exceptions) => {
      if (openTo.length === 0 || openTo.some(isAnyAddress)) return false;
      const allowed = new Set(exceptions.flatMap((e) => cidrsOf(exceptionValue(e))));
      return openTo.every((cidr) => allowed.has(cidr));
    },
  };
}

function cidrsOf(value: unknown): string[] {
  const cidrs = (value as { cidrs?: unknown } | undefined)?.cidrs;
  return Array.isArray(cidrs) ? cidrs.filter((c): c is string => typeof c === 'string') : [];
}

/**
 * The reading of logs kept `days` (undefined: no retention set): short retention is explained
 * only by a retention opt-out that asks for no more than what is deployed.
 */
export function retentionReading(cloud: Cloud, complete: boolean, text: string, days: number | undefined): PostureReading {
  const secureDays = secureRetentionDays(cloud);
  const retention = days === undefined ? 'no retention set' : `${days}-day retention`;
  return {
    value: `${text}, ${retention}`,
    secure: complete && days !== undefined && days >= secureDays,
    explainedBy: (exceptions) =>
      complete && days !== undefined && exceptions.some((e) => typeof exceptionValue(e) === 'number' && days >= (exceptionValue(e) as number)),
  };
}

/**
 * The reading of egress through `ips` static addresses for `zones` zones (undefined: unknown):
 * one per zone is the production default; fewer is the `egress.nat` opt-out.
 */
export function egressReading(ips: number, zones: number | undefined, gateway: string): PostureReading {
  const perZone = zones !== undefined && ips >= zones;
  const count = `${ips} static IP${ips === 1 ? '' : 's'}`;
  if (perZone) return { value: `${count} (per-zone ${gateway})`, secure: true };
  return {
    value: ips === 1 ? `${count} (single ${gateway})` : `${count} for ${zones ?? 'an unknown number of'} zones (${gateway})`,
    secure: false,
    // `single` means exactly one address; anything else is not what the opt-out asked for.
    explainedBy: (exceptions) => ips === 1 && exceptions.some((e) => exceptionValue(e) === 'single'),
  };
}

/** The reading of a cluster without internet egress: secure, not an exception. */
export const NO_EGRESS: PostureReading = { value: 'none (no internet egress)', secure: true };
