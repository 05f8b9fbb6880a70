import { TerraformOutput, TerraformResource, Token, type TerraformStack } from 'cdktf';
import { distance } from 'fastest-levenshtein';
import type { PolyCluster } from './cluster';
import type { Phase } from './spec';

/**
 * The resource an override targets: its construct path inside the phase stack, as the
 * `//.metadata.path` of cdk.tf.json shows it without the stack name (`ControlPlane/Cluster`), or
 * its Terraform type when the stack holds exactly one resource of it, optionally narrowed by the
 * end of its construct path.
 */
export type OverrideTarget =
  | string
  | {
      /** The Terraform resource type (`aws_eks_cluster`). */
      readonly type: string;
      /**
       * The end of the resource's construct path, to pick one of several resources of the type.
       * @default none: the stack must hold exactly one resource of the type
       */
      readonly path?: string;
    };

/** One recorded override, as the `polycluster_overrides` output lists it. */
export interface RecordedOverride {
  /** Terraform address: `<type>.<name>`. */
  readonly address: string;
  /** The overridden attribute path, as given to `addOverride`. */
  readonly attribute: string;
  /** The value written, as JSON text. */
  readonly value: string;
}

/** The stack output that lists every override of its stack, for `cdktf deploy` and the PR review. */
export const OVERRIDES_OUTPUT = 'polycluster_overrides';

/** Terraform meta-arguments an override may set on any resource. */
const META_ARGUMENTS = new Set(['count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner', 'connection']);

/** Each stack's overrides and their output, made on the first override. */
const recorded = new WeakMap<TerraformStack, { readonly output: TerraformOutput; readonly entries: RecordedOverride[] }>();

/** `ControlPlane/Cluster`: a resource's construct path without the stack's. */
const pathInStack = (stack: TerraformStack, resource: TerraformResource): string => resource.node.path.slice(stack.node.path.length + 1);

const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function resourcesOf(stack: TerraformStack): TerraformResource[] {
  return stack.node.findAll().filter((n): n is TerraformResource => n instanceof TerraformResource);
}

function describe(target: OverrideTarget): string {
  return typeof target === 'string' ? target : `${target.type}${target.path ? ` at …${target.path}` : ''}`;
}

function findTarget(stack: TerraformStack, target: OverrideTarget): TerraformResource {
  const all = resourcesOf(stack);
  const found =
    typeof target === 'string'
      ? all.filter((r) => pathInStack(stack, r) === target.replace(/^\/+|\/+$/g, '') || r.node.path === target)
      : all.filter((r) => r.terraformResourceType === target.type && (target.path === undefined || pathInStack(stack, r).endsWith(target.path)));
  if (found.length === 1) return found[0]!;
  const where = `stack ${stack.node.id}`;
  if (found.length > 1) {
    const paths = found.map((r) => pathInStack(stack, r)).join(', ');
    throw new Error(`polycluster: overrideAttribute target ${describe(target)} matches ${found.length} resources in ${where} (${paths}): name one by its construct path`);
  }
  const wanted = typeof target === 'string' ? target : target.type;
  const candidates = all.map((r) => `${pathInStack(stack, r)} (${r.terraformResourceType})`);
  const near = candidates.filter((c) => distance(c.split(' ')[0]!, wanted) <= 3 || c.includes(`(${wanted})`));
  throw new Error(
    `polycluster: overrideAttribute target ${describe(target)} is not a resource of ${where}; ${near.length > 0 ? `did you mean ${near.join(', ')}?` : `its resources are ${candidates.slice(0, 12).join(', ')}${candidates.length > 12 ? ', ...' : ''}`}`,
  );
}

/** Whether a value holds a token anywhere (a reference, a function call, a list or number token). */
function holdsToken(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  return value !== null && typeof value === 'object' && Object.values(value as object).some(holdsToken);
}

/** What the output records for a value holding tokens: a pointer, never the value itself. */
export const EXPRESSION_VALUE = '"(Terraform expression, resolved at apply: see the attribute in cdk.tf.json)"';

/**
 * The override's value as JSON text for the output. A value holding tokens is recorded as
 * {@link EXPRESSION_VALUE}: the output must never carry a resolved (possibly sensitive) value,
 * and a list token cannot sit in a string. The attribute itself shows the expression.
 */
function recordedValue(value: unknown): string {
  return holdsToken(value) ? EXPRESSION_VALUE : JSON.stringify(value);
}

/**
 * Escape hatch, a last resort: overrides one attribute of one synthesized resource with cdktf's
 * `addOverride`, for what the spec cannot express yet (prefer a spec field, an extra add-on or an
 * issue). The target must exist and the attribute's first segment must be an attribute of the
 * resource type (or a Terraform meta-argument), otherwise it throws before anything is written.
 * Every override is recorded in the stack's `polycluster_overrides` output
 * (`[{ address, attribute, value }]`, value as JSON text), so `cdktf deploy` prints it and the
 * pull-request review shows it. Overrides bypass validation: a security setting overridden here
 * is not listed in `polycluster_posture_exceptions`.
 *
 * @param cluster the cluster from `defineCluster` / `defineFleet`
 * @param phase the phase stack holding the resource (`cluster`, `nodes`, ...)
 * @param target the resource: construct path in the stack, or `{ type, path? }`
 * @param attribute Terraform attribute path, dot-separated (`vpc_config.endpoint_public_access`)
 * @param value the value to write (a token, such as another resource's attribute, is allowed)
 * @returns the recorded override
 */
export function overrideAttribute(cluster: PolyCluster, phase: Phase, target: OverrideTarget, attribute: string, value: unknown): RecordedOverride {
  const stack = cluster.stacks[phase];
  if (!stack) {
    throw new Error(`polycluster: cluster ${cluster.resolved.name} has no ${phase} stack; its stacks are ${cluster.resolved.phases.join(', ')}`);
  }
  const resource = findTarget(stack, target);
  const first = attribute.split('.')[0] ?? '';
  if (attribute.trim() === '' || !(META_ARGUMENTS.has(first) || camel(first) in resource)) {
    throw new Error(`polycluster: ${resource.terraformResourceType} has no attribute ${first || '(empty)'} (override path ${attribute}): use the Terraform attribute name in snake_case, e.g. as cdk.tf.json shows it`);
  }
  if (value === undefined) throw new Error(`polycluster: overrideAttribute ${attribute} needs a value; to remove an attribute use cdktf's resource.addOverride(path, null) deliberately`);
  resource.addOverride(attribute, value);
  const entry: RecordedOverride = { address: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, attribute, value: recordedValue(value) };
  let record = recorded.get(stack);
  if (!record) {
    const output = new TerraformOutput(stack, OVERRIDES_OUTPUT, {
      description: 'Attributes overridden through polycluster escape hatches (overrideAttribute): departures from what the spec synthesizes',
      value: [],
    });
    record = { output, entries: [] };
    recorded.set(stack, record);
  }
  record.entries.push(entry);
  record.output.value = record.entries.map((e) => ({ ...e }));
  return entry;
}
