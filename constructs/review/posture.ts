import { baselineOptOutEffect } from '../spec/exceptions';
import type { Cloud } from '../spec/types';
import { AWS_POSTURE } from './posture-aws';
import { AZURE_POSTURE } from './posture-azure';
import { selfInstalledCnis } from './posture-cni';
import { GCP_POSTURE } from './posture-gcp';
import { block, blocks, strings, TerraformView, withFirst } from './posture-json';
import { exceptionValue, ITEM_PATHS, pathMatches, POSTURE_ITEMS, type ClusterReader, type CloudPosture, type PostureCheck, type PostureExceptionRecord, type PostureItem, type PostureReading } from './posture-model';
import type { TerraformJson } from './synthesis';

export type { PostureExceptionRecord } from './posture-model';

/** One line of a cluster's security posture. */
export interface PostureRow {
  /** What is judged: `API endpoint`, `Secrets encryption`, ... (order: `POSTURE_ITEMS`). */
  readonly item: string;
  /** Short human text of what will be deployed, e.g. `public, open to 203.0.113.0/24`. */
  readonly value: string;
  /** Whether it meets REFERENCE.md's secure defaults. */
  readonly secure: boolean;
  /** The declared opt-outs that explain a non-secure row; empty for secure and for unexplained rows. */
  readonly exceptions: readonly PostureExceptionRecord[];
}

/** The security posture of one cluster, read from its synthesized Terraform JSON alone. */
export interface ClusterPosture {
  /** Inferred from the managed-cluster resource type present; undefined when none is. */
  readonly cloud: Cloud | undefined;
  /** One row per item that applies to the cluster, in `POSTURE_ITEMS` order. */
  readonly rows: readonly PostureRow[];
  /** Every exception the cluster stack declares (output `polycluster_posture_exceptions`). */
  readonly exceptions: readonly PostureExceptionRecord[];
  /** Rows that are not secure and that no declared exception explains: an override or a code change. */
  readonly unexplained: readonly PostureRow[];
}

/** What each cloud contributes, keyed by cloud: the only place the clouds differ. */
export const CLOUD_POSTURE: Readonly<Record<Cloud, CloudPosture>> = { aws: AWS_POSTURE, gcp: GCP_POSTURE, azure: AZURE_POSTURE };

/** The output of the cluster stack that lists the declared exceptions. */
export const EXCEPTIONS_OUTPUT = 'polycluster_posture_exceptions';

/**
 * The security posture of one cluster from its stacks (`stacksOf(synthesis, cluster)`): one row
 * per item, each matched against the exceptions the cluster stack declares. Only the JSON is
 * read, so escape-hatch overrides show as they will be deployed.
 */
export function clusterPosture(stacks: ReadonlyMap<string, TerraformJson>): ClusterPosture {
  const view = new TerraformView(stacks);
  const cloud = (Object.keys(CLOUD_POSTURE) as Cloud[]).find((c) => view.has(CLOUD_POSTURE[c].clusterType));
  const exceptions = declaredExceptions(view);
  const checks = [...(cloud ? cloudChecks(CLOUD_POSTURE[cloud]) : []), policyEnforcement(cloud), NAMESPACE_DEFAULT_DENY];
  const rows = checks
    .map((check) => rowOf(check, check.read(view), exceptions))
    .filter((row): row is PostureRow => row !== undefined)
    .sort((a, b) => itemRank(a.item) - itemRank(b.item));
  return { cloud, rows, exceptions, unexplained: rows.filter(isUnexplained) };
}

/** A cloud's rows as checks: each reader given the cluster resource, each row its explaining paths. */
function cloudChecks(cloud: CloudPosture): PostureCheck[] {
  return (Object.entries(cloud.readers) as [PostureItem, ClusterReader][]).map(([item, reader]) => ({
    item,
    paths: cloud.paths?.[item] ?? ITEM_PATHS[item] ?? [],
    read: withFirst(cloud.clusterType, reader),
  }));
}

function rowOf(check: PostureCheck, reading: PostureReading | undefined, declared: readonly PostureExceptionRecord[]): PostureRow | undefined {
  if (!reading) return undefined;
  const matching = declared.filter((e) => check.paths.some((p) => pathMatches(p, e.path)));
  const explained = !reading.secure && matching.length > 0 && (reading.explainedBy ?? (() => true))(matching);
  return { item: check.item, value: reading.value, secure: reading.secure, exceptions: explained ? matching : [] };
}

const isUnexplained = (row: PostureRow): boolean => !row.secure && row.exceptions.length === 0;

const itemRank = (item: string): number => {
  const i = (POSTURE_ITEMS as readonly string[]).indexOf(item);
  return i < 0 ? POSTURE_ITEMS.length : i;
};

function declaredExceptions(view: TerraformView): PostureExceptionRecord[] {
  const value = view.output(EXCEPTIONS_OUTPUT)?.value;
  if (!Array.isArray(value)) return [];
  const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  return value
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ path: text(e.path), value: text(e.value), secure_value: text(e.secure_value), source: text(e.source), effect: text(e.effect) }));
}

/**
 * NetworkPolicy enforcement: the cloud's own (per-cloud data) and any self-installed CNI
 * release. No opt-out turns it off, so a missing enforcer is never explained.
 */
function policyEnforcement(cloud: Cloud | undefined): PostureCheck {
  return {
    item: 'Policy enforcement',
    paths: [],
    read: (view) => {
      const managed = cloud ? CLOUD_POSTURE[cloud].managedPolicyEnforcement(view) : undefined;
      const installed = selfInstalledCnis(view);
      const parts = [...(managed ? [managed] : []), ...installed.map((c) => c.text)];
      const secure = managed !== undefined || installed.some((c) => c.enforces);
      return { value: parts.length > 0 ? parts.join(' + ') : 'none (NetworkPolicies are not enforced)', secure };
    },
  };
}

/**
 * Managed namespaces (the Namespace manifests of the policies stack) with a default deny both
 * ways. Each namespace without one needs its own `namespaces[i].baseline` opt-out.
 */
const NAMESPACE_DEFAULT_DENY: PostureCheck = {
  item: 'Namespace default deny',
  paths: ['namespaces[].baseline'],
  read: (view) => {
    const manifests = view.resources('kubernetes_manifest').map((m) => block(m.body.manifest) ?? {});
    const namespaces = manifests.filter((m) => m.kind === 'Namespace').map((m) => String(block(m.metadata)?.name));
    if (namespaces.length === 0) return { value: 'no managed namespaces', secure: true };
    const denied = new Map<string, Set<string>>();
    for (const m of manifests.filter((x) => x.kind === 'NetworkPolicy')) {
      const ns = String(block(m.metadata)?.namespace ?? 'default');
      for (const direction of defaultDenies(block(m.spec) ?? {})) denied.set(ns, (denied.get(ns) ?? new Set()).add(direction));
    }
    const without = namespaces.filter((ns) => !(denied.get(ns)?.has('Ingress') && denied.get(ns)?.has('Egress')));
    const covered = `${namespaces.length - without.length} of ${namespaces.length} managed namespace${namespaces.length === 1 ? '' : 's'}`;
    return {
      value: without.length === 0 ? covered : `${covered}; none in ${without.join(', ')}`,
      secure: without.length === 0,
      // Each namespace without a deny needs its own opt-out: another namespace's does not explain it.
      explainedBy: (exceptions) => without.every((ns) => exceptions.some((e) => e.effect === baselineOptOutEffect(ns))),
    };
  },
};

/** The directions a NetworkPolicy denies by default: all pods selected, the type listed, no rule for it. */
function defaultDenies(spec: Readonly<Record<string, unknown>>): string[] {
  const selector = block(spec.podSelector) ?? {};
  const selectsAll = Object.values(selector).every((v) => (Array.isArray(v) ? v.length === 0 : Object.keys(block(v) ?? {}).length === 0));
  if (!selectsAll) return [];
  const types = strings(spec.policyTypes) ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
  return types.filter((t) => blocks(spec[t === 'Ingress' ? 'ingress' : 'egress']).length === 0);
}

/** `✅`, `⚠️ opt-out \`path\` (source)` or `❌ not explained`. */
export function verdictOf(row: PostureRow): string {
  if (row.secure) return '✅';
  if (row.exceptions.length === 0) return '❌ not explained';
  return `⚠️ opt-out ${row.exceptions.map((e) => `\`${e.path}\` (${e.source})`).join(', ')}`;
}

/** Declared exceptions no row shows (for example a node pool's minimum): listed under the rows. */
export function otherExceptions(posture: ClusterPosture): PostureExceptionRecord[] {
  const shown = new Set(posture.rows.flatMap((r) => r.exceptions));
  return posture.exceptions.filter((e) => !shown.has(e));
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `0` for `"0"`, `single` for `"single"`: an exception's JSON value as a reviewer reads it. */
const shownValue = (json: string): string => {
  const value = exceptionValue({ path: '', value: json, secure_value: '', source: '', effect: '' });
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/**
 * The posture as a Markdown table: item | value | secure default?. Declared exceptions that no
 * row shows follow as their own rows, so every opt-out is in sight.
 */
export function postureTable(posture: ClusterPosture): string {
  const lines = ['| item | value | secure default? |', '|---|---|---|'];
  for (const row of posture.rows) lines.push(`| ${cell(row.item)} | ${cell(row.value)} | ${cell(verdictOf(row))} |`);
  for (const e of otherExceptions(posture)) {
    const value = `\`${e.path}\` ${shownValue(e.value)} instead of ${shownValue(e.secure_value)}: ${e.effect}`;
    lines.push(`| Declared opt-out | ${cell(value)} | ⚠️ opt-out (${cell(e.source)}) |`);
  }
  return lines.join('\n');
}

function verdictWords(row: PostureRow): string {
  if (row.secure) return 'secure default';
  return row.exceptions.length > 0 ? `opt-out ${row.exceptions.map((e) => e.path).join(', ')}` : 'not secure, not explained';
}

/**
 * One line per row whose value or verdict changed between two postures of a cluster, e.g.
 * `API endpoint: private only → public, open to 203.0.113.0/24 (opt-out access.deployer.network)`,
 * then declared exceptions no row shows that were added or removed. Without a base (a new
 * cluster) every row counts as changed from `absent`.
 */
export function postureChanges(base: ClusterPosture | undefined, head: ClusterPosture): string[] {
  const before = new Map((base?.rows ?? []).map((r) => [r.item, r]));
  const after = new Map(head.rows.map((r) => [r.item, r]));
  const items = [...new Set([...after.keys(), ...before.keys()])].sort((a, b) => itemRank(a) - itemRank(b));
  const lines: string[] = [];
  for (const item of items) {
    const b = before.get(item);
    const h = after.get(item);
    const was = b ? verdictWords(b) : 'absent';
    const now = h ? verdictWords(h) : 'absent';
    if (b && h && b.value === h.value) {
      if (was !== now) lines.push(`${item}: ${h.value} (${was} → ${now})`);
      continue;
    }
    const suffix = !h || (h.secure && (!b || b.secure)) ? '' : ` (${now})`;
    lines.push(`${item}: ${b?.value ?? 'absent'} → ${h?.value ?? 'absent'}${suffix}`);
  }
  const key = (e: PostureExceptionRecord): string => `${e.path}=${e.value}`;
  const oldOthers = new Map((base ? otherExceptions(base) : []).map((e) => [key(e), e]));
  const newOthers = new Map(otherExceptions(head).map((e) => [key(e), e]));
  for (const [k, e] of newOthers) if (!oldOthers.has(k)) lines.push(`Declared opt-out ${e.path}: added, ${shownValue(e.value)} instead of ${shownValue(e.secure_value)} (${e.source})`);
  for (const [k, e] of oldOthers) if (!newOthers.has(k)) lines.push(`Declared opt-out ${e.path}: removed (was ${shownValue(e.value)})`);
  return lines;
}
