import type { TerraformJson } from './synthesis';

/** One resource of a synthesized stack, with where it was found. */
export interface TerraformResource {
  /** The stack that holds it (`<cluster>-<phase>`). */
  readonly stack: string;
  /** Terraform resource type, e.g. `aws_eks_cluster`. */
  readonly type: string;
  /** Terraform resource name (cdktf's unique id), e.g. `ControlPlane_Cluster_40003284`. */
  readonly name: string;
  /** The resource's attributes as synthesized, overrides included. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A plain JSON object, as attribute blocks are. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Read-only look-ups over the stacks of one cluster: resources by type, references within a
 * stack, outputs. Only plain JSON is read, so escape-hatch overrides count like anything else.
 */
export class TerraformView {
  /** The stacks of the cluster, by name. */
  readonly stacks: ReadonlyMap<string, TerraformJson>;

  /** @param stacks the stacks of one cluster, by name (`stacksOf(synthesis, cluster)`). */
  constructor(stacks: ReadonlyMap<string, TerraformJson>) {
    this.stacks = stacks;
  }

  /** Every resource of `type` across the stacks, in stack then name order. */
  resources(type: string): TerraformResource[] {
    const out: TerraformResource[] = [];
    for (const [stack, json] of this.stacks) {
      for (const [name, body] of Object.entries(json.resource?.[type] ?? {})) out.push({ stack, type, name, body });
    }
    return out;
  }

  /** The first resource of `type`, if any. */
  first(type: string): TerraformResource | undefined {
    return this.resources(type)[0];
  }

  /** Whether any stack holds a resource of `type`. */
  has(type: string): boolean {
    return this.resources(type).length > 0;
  }

  /**
   * The resource a same-stack interpolation such as `${aws_kms_key.Secrets_1234.arn}` points at,
   * looked up in `stack`. Cross-stack references and literals give undefined.
   */
  target(stack: string, value: unknown): TerraformResource | undefined {
    const ref = sameStackRef(value);
    if (!ref) return undefined;
    const body = this.stacks.get(stack)?.resource?.[ref.type]?.[ref.name];
    return body ? { stack, type: ref.type, name: ref.name, body } : undefined;
  }

  /** The value of the first output called `name`, with the stack that declares it. */
  output(name: string): StackOutput | undefined {
    for (const [stack, json] of this.stacks) {
      const output = json.output?.[name];
      if (output) return { stack, value: output.value };
    }
    return undefined;
  }
}

/** An output value with the stack that declares it. */
export interface StackOutput {
  /** The declaring stack. */
  readonly stack: string;
  /** The output's value as synthesized (may hold interpolations). */
  readonly value: unknown;
}

/** `type.name` of a resource, the address a reviewer searches for. */
export const addressOf = (r: TerraformResource): string => `${r.type}.${r.name}`;

/** The phase of a stack name (`cni` for `eks-prod-cni`), for "(cni stack)" in texts. */
export function phaseOf(stack: string): string {
  const match = /-(cluster|cni|nodes|platform|policies)$/.exec(stack);
  return match ? match[1]! : stack;
}

const SAME_STACK_REF = /^\$\{((?:data\.)?[a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:[.[][^}]*)?\}$/;
const CROSS_STACK_REF = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.cross-stack-output-([^}.[]+)[^}]*\}$/;

/** A resource's address: its type and name. */
export interface ResourceAddress {
  /** Terraform type, with a `data.` prefix for data sources. */
  readonly type: string;
  /** Terraform name. */
  readonly name: string;
}

/** The resource type and name of a same-stack interpolation, without the attribute. */
export function sameStackRef(value: unknown): ResourceAddress | undefined {
  if (typeof value !== 'string' || CROSS_STACK_REF.test(value)) return undefined;
  const match = SAME_STACK_REF.exec(value);
  return match ? { type: match[1]!, name: match[2]! } : undefined;
}

/**
 * A readable form of an attribute value that may be an interpolation: `aws_kms_key.X` for
 * `${aws_kms_key.X.arn}`, `output Y of stack Z` for a cross-stack reference, other
 * expressions shortened; never resolved.
 */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? 'nothing';
  const cross = CROSS_STACK_REF.exec(value);
  if (cross) return `output ${cross[2]} of stack ${cross[1]}`;
  const ref = sameStackRef(value);
  if (ref) return `${ref.type}.${ref.name}`;
  if (value.startsWith('${')) return value.length > 60 ? `${value.slice(0, 57)}...}` : value;
  return value;
}

/** Whether a value is an unresolved Terraform expression (known only at plan time). */
export const isExpression = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

/**
 * A nested block: cdktf writes single blocks as objects, overrides may write lists; either way
 * the first one, or undefined.
 */
export function block(value: unknown): JsonObject | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as JsonObject) : undefined;
}

/** A repeated block or list as an array of objects (a single object becomes a list of one). */
export function blocks(value: unknown): JsonObject[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** A list attribute as strings; a non-list (for example an interpolation) gives undefined. */
export function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : undefined;
}

/** A boolean attribute: Terraform JSON accepts `true` and `"true"`; expressions give undefined. */
export function flag(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** A numeric attribute (numbers may be written as strings); expressions give undefined. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A string attribute, or undefined. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * A JSON document held in a string attribute (helm values, add-on configuration). Interpolations
 * inside it may hold HCL quotes, so they are set aside before parsing and put back after.
 */
export function parseJsonAttribute(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  const held: string[] = [];
  const text = value.replace(/\$\{[^}]*\}/g, (match) => `@@${held.push(match) - 1}@@`);
  try {
    return JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' ? v.replace(/@@(\d+)@@/g, (_m, i: string) => held[Number(i)]!) : v));
  } catch {
    return undefined;
  }
}

/** `1 static IP`, `3 static IPs`. */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The number of zones a list (or `${slice(zones, 0, N)}` expression) names, if it can be told. */
export function zoneCount(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  const slice = typeof value === 'string' ? /^\$\{slice\([^,]+,\s*(\d+),\s*(\d+)\)\}$/.exec(value) : null;
  return slice ? Number(slice[2]) - Number(slice[1]) : undefined;
}

/** Whether an IPv4 CIDR lies in RFC 1918 space (a private network, not the internet). */
export function isPrivateCidr(cidr: string): boolean {
  const [a, b] = cidr.split('/')[0]!.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Whether a CIDR admits every address. */
export const isAnyAddress = (cidr: string): boolean => cidr === '0.0.0.0/0' || cidr === '::/0';

/**
 * A posture reader that needs the cluster resource: `read` with the first resource of `type`, or
 * nothing (the row does not apply) when the stacks have none.
 */
export function withFirst<T>(type: string, read: (resource: TerraformResource, view: TerraformView) => T | undefined): (view: TerraformView) => T | undefined {
  return (view) => {
    const resource = view.first(type);
    return resource ? read(resource, view) : undefined;
  };
}
