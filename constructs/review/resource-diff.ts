import { changedPaths, flatten, type AttributeChange } from './flatten';
import type { TerraformBlocks, TerraformJson } from './synthesis';

/** What Terraform will do with one block, as far as the synthesized JSON tells. */
export type BlockAction = 'create' | 'delete' | 'update' | 'move';

/** A resource or data source that differs between base and head. */
export interface BlockChange {
  /** `aws_eks_cluster.ControlPlane_Cluster_40003284` (data sources: `data.<type>.<name>`). */
  readonly address: string;
  /** The Terraform resource or data source type (`aws_eks_cluster`). */
  readonly type: string;
  /** The construct path inside its stack (`ControlPlane/Cluster`), which is what the id means. */
  readonly constructPath: string;
  /** `create`/`delete`: the address exists on one side only; `update`: an attribute differs; `move`: the same block under a new address. */
  readonly action: BlockAction;
  /** For `move`: the address in base. Terraform destroys and recreates unless a `moved` block says otherwise. */
  readonly movedFrom?: string;
  /** For `update`: the attributes that changed. */
  readonly changes: readonly AttributeChange[];
  /** Head's `lifecycle.ignore_changes`: changes there never reach the provider. */
  readonly ignoreChanges: readonly string[];
}

/** One stack's differences. */
export interface StackDiff {
  /** The stack's name (`<cluster>-<phase>`). */
  readonly stack: string;
  /** `added`/`removed`: the stack exists on one side only; `changed`: anything in it differs. */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** The resources that differ, in address order. */
  readonly resources: readonly BlockChange[];
  /** The data sources that differ, in address order (addresses `data.<type>.<name>`). */
  readonly dataSources: readonly BlockChange[];
  /** Stack outputs that differ (cross-stack wiring outputs excluded: they follow the resources). */
  readonly outputs: readonly AttributeChange[];
  /** Every other top-level block: backend, required providers, provider configuration, locals, moved, import, check. */
  readonly settings: readonly AttributeChange[];
}

/** cdktf's bookkeeping key on every block; not an attribute. */
const METADATA_KEY = '//';
const CROSS_STACK_OUTPUT = 'cross-stack-output-';

interface Block {
  readonly address: string;
  readonly type: string;
  readonly constructPath: string;
  readonly attributes: Map<string, unknown>;
}

function blocksOf(stack: string, blocks: TerraformBlocks | undefined, prefix: string): Map<string, Block> {
  const out = new Map<string, Block>();
  for (const [type, byName] of Object.entries(blocks ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { [METADATA_KEY]: metadata, ...attributes } = body;
      const path = (metadata as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? name;
      const address = `${prefix}${type}.${name}`;
      out.set(address, { address, type, constructPath: path.startsWith(`${stack}/`) ? path.slice(stack.length + 1) : path, attributes: flatten(attributes) });
    }
  }
  return out;
}

const ignoredOf = (block: Block | undefined): string[] =>
  [...(block?.attributes ?? [])].filter(([path]) => /^lifecycle\.ignore_changes(\[\d+\])?$/.test(path)).map(([, value]) => String(value));

const sameAttributes = (a: Map<string, unknown>, b: Map<string, unknown>): boolean => changedPaths(a, b).length === 0;

function diffBlocks(base: Map<string, Block>, head: Map<string, Block>): BlockChange[] {
  const out: BlockChange[] = [];
  const created = [...head.values()].filter((b) => !base.has(b.address));
  const deleted = [...base.values()].filter((b) => !head.has(b.address));
  const movedFrom = new Map<string, string>();
  for (const added of created) {
    // Same type and body under a new address: a construct id or path changed.
    const twin = deleted.find((d) => d.type === added.type && ![...movedFrom.values()].includes(d.address) && sameAttributes(d.attributes, added.attributes));
    if (twin) movedFrom.set(added.address, twin.address);
  }
  const moved = new Set(movedFrom.values());
  for (const block of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const before = base.get(block);
    const after = head.get(block);
    if (before && after) {
      const changes = changedPaths(before.attributes, after.attributes);
      if (changes.length > 0) out.push({ address: block, type: after.type, constructPath: after.constructPath, action: 'update', changes, ignoreChanges: ignoredOf(after) });
    } else if (after) {
      const from = movedFrom.get(block);
      out.push({ address: block, type: after.type, constructPath: after.constructPath, action: from ? 'move' : 'create', ...(from ? { movedFrom: from } : {}), changes: [], ignoreChanges: ignoredOf(after) });
    } else if (before && !moved.has(block)) {
      out.push({ address: block, type: before.type, constructPath: before.constructPath, action: 'delete', changes: [], ignoreChanges: [] });
    }
  }
  return out;
}

/**
 * Outputs by name, each value whole (an output is read as one value, not field by field), and a
 * `<name> (sensitive)` entry for each sensitive one, so that dropping `sensitive` shows.
 */
function outputsOf(json: TerraformJson | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, output] of Object.entries(json?.output ?? {})) {
    if (name.startsWith(CROSS_STACK_OUTPUT)) continue;
    out.set(name, output.value);
    if (output.sensitive) out.set(`${name} (sensitive)`, true);
  }
  return out;
}

/** Blocks the diff reads itself; every other top-level key (terraform, provider, locals, moved, import, check, ...) is a stack setting. */
const DIFFED_BLOCKS = new Set(['resource', 'data', 'output', METADATA_KEY]);

function settingsOf(json: TerraformJson | undefined): Map<string, unknown> {
  return flatten(Object.fromEntries(Object.entries(json ?? {}).filter(([key]) => !DIFFED_BLOCKS.has(key))));
}

/** The differences of one stack; `undefined` on a side means the stack does not exist there. */
export function diffStack(stack: string, base: TerraformJson | undefined, head: TerraformJson | undefined): StackDiff {
  const resources = diffBlocks(blocksOf(stack, base?.resource, ''), blocksOf(stack, head?.resource, ''));
  const dataSources = diffBlocks(blocksOf(stack, base?.data, 'data.'), blocksOf(stack, head?.data, 'data.'));
  const outputs = changedPaths(outputsOf(base), outputsOf(head));
  const settings = base && head ? changedPaths(settingsOf(base), settingsOf(head)) : [];
  const status = !base ? 'added' : !head ? 'removed' : resources.length + dataSources.length + outputs.length + settings.length > 0 ? 'changed' : 'unchanged';
  return { stack, status, resources, dataSources, outputs, settings };
}

/** Every stack of either side, in name order. */
export function diffStacks(base: ReadonlyMap<string, TerraformJson>, head: ReadonlyMap<string, TerraformJson>): StackDiff[] {
  return [...new Set([...base.keys(), ...head.keys()])].sort().map((stack) => diffStack(stack, base.get(stack), head.get(stack)));
}

/** Terraform's plan-style counts of a stack diff. */
export function planCounts(diff: StackDiff): {
  /** Resources to create. */
  readonly add: number;
  /** Resources to update in place (as far as the JSON tells; a force-new change still counts here). */
  readonly change: number;
  /** Resources to delete. */
  readonly destroy: number;
  /** Resources under a new address (destroyed and recreated unless a `moved` block maps them). */
  readonly move: number;
} {
  const count = (action: BlockAction): number => diff.resources.filter((r) => r.action === action).length;
  return { add: count('create'), change: count('update'), destroy: count('delete'), move: count('move') };
}
