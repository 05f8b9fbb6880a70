import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackJson } from '../support/synth';

/**
 * Which synthesized cloud resources take tags (AWS, Azure) or labels (GCP), read from the
 * provider bindings' .d.ts (each resource's `<Name>Config` interface and the block interfaces it
 * nests), and whether each resource in a stack carries the cluster's tags, directly or through
 * the provider's defaults.
 */

const ROOT = join(__dirname, '../../node_modules/@cdktf');
const PACKAGES: Readonly<Record<string, string>> = { aws: 'provider-aws', google: 'provider-google', azurerm: 'provider-azurerm' };

/** The attribute that carries cloud tags, per provider; GCP `labels` only at the top (nested ones are Kubernetes labels). */
const TOP_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { aws: ['tags'], google: ['labels', 'resourceLabels'], azurerm: ['tags'] };
const NESTED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { aws: ['tags'], google: ['resourceLabels'], azurerm: ['tags'] };

const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** What a resource type's binding says about tags. */
export interface TagSupport {
  /** JSON attribute at the top level that takes tags/labels, if any. */
  readonly top?: string;
  /** Whether the provider's default tags/labels reach the top attribute (`tags_all` / `terraform_labels`). */
  readonly providerDefaults: boolean;
  /** Nested blocks (JSON names) whose items take tags/labels, with that attribute's JSON name. */
  readonly nested: readonly { readonly block: string; readonly attribute: string }[];
}

const cache = new Map<string, TagSupport | undefined>();

/** The binding's declarations of a Terraform resource type, or undefined for non-cloud providers. */
function bindingOf(type: string): string | undefined {
  const provider = type.slice(0, type.indexOf('_'));
  const pkg = PACKAGES[provider];
  if (!pkg) return undefined;
  const file = join(ROOT, pkg, 'lib', type.slice(provider.length + 1).replace(/_/g, '-'), 'index.d.ts');
  if (!existsSync(file)) throw new Error(`no binding at ${file} for ${type}`);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(`tfResourceType = "${type}"`)) throw new Error(`${file} does not declare ${type}`);
  return text;
}

function interfaceBody(text: string, name: string): string | undefined {
  const start = new RegExp(`export interface ${name} (extends [\\w.]+ )?\\{`).exec(text);
  if (!start) return undefined;
  return text.slice(start.index, text.indexOf('\n}', start.index));
}

const hasProperty = (body: string, property: string): boolean => new RegExp(`readonly ${property}\\??:`).test(body);

/** Tag support of a resource type from its binding; undefined for helm, kubernetes and others. */
export function tagSupport(type: string): TagSupport | undefined {
  if (cache.has(type)) return cache.get(type);
  const text = bindingOf(type);
  let support: TagSupport | undefined;
  if (text !== undefined) {
    const provider = type.slice(0, type.indexOf('_'));
    const config = /export interface (\w+Config) extends cdktf\.TerraformMetaArguments \{/.exec(text);
    if (!config) throw new Error(`no Config interface for ${type}`);
    const body = interfaceBody(text, config[1]!)!;
    const top = TOP_ATTRIBUTES[provider]!.find((a) => hasProperty(body, a));
    const nested: { block: string; attribute: string }[] = [];
    for (const match of body.matchAll(/readonly (\w+)\??: (\w+)(\[\])?( \| cdktf\.IResolvable)?;/g)) {
      const inner = interfaceBody(text, match[2]!);
      const attribute = inner && NESTED_ATTRIBUTES[provider]!.find((a) => hasProperty(inner, a));
      if (attribute) nested.push({ block: snake(match[1]!), attribute: snake(attribute) });
    }
    const providerDefaults = top !== undefined && (top === 'tags' ? /get tagsAll\(\)/.test(text) : /get terraformLabels\(\)/.test(text));
    support = { ...(top ? { top: snake(top) } : {}), providerDefaults: provider !== 'azurerm' && providerDefaults, nested };
  }
  cache.set(type, support);
  return support;
}

/** The tags a stack's provider puts on every resource that honours its defaults. */
export function providerDefaults(stack: StackJson): Readonly<Record<string, string>> {
  const aws = stack.provider?.aws?.[0]?.default_tags?.[0]?.tags;
  const google = stack.provider?.google?.[0]?.default_labels;
  return aws ?? google ?? {};
}

/** `key=value` pairs of `expected` missing from `actual` (or set to another value there). */
export function missingTags(actual: unknown, expected: Readonly<Record<string, string>>): string[] {
  const have = typeof actual === 'object' && actual !== null ? (actual as Record<string, unknown>) : {};
  return Object.entries(expected)
    .filter(([k, v]) => have[k] !== v)
    .map(([k, v]) => `${k}=${v}`);
}

/** One untagged place: `<type>.<name>[.<block>]` and what it lacks. */
export interface Untagged {
  readonly where: string;
  readonly missing: readonly string[];
}

/** Every taggable resource (and nested taggable block) of a stack that lacks some of `expected`. */
export function untagged(stack: StackJson, expected: Readonly<Record<string, string>>): Untagged[] {
  const defaults = providerDefaults(stack);
  const out: Untagged[] = [];
  for (const [type, resources] of Object.entries<Record<string, any>>(stack.resource ?? {})) {
    const support = tagSupport(type);
    if (!support) continue;
    for (const [name, resource] of Object.entries(resources)) {
      if (support.top) {
        // Provider defaults merge under the resource's own tags; the resource's own value wins.
        const effective = support.providerDefaults ? { ...defaults, ...(resource[support.top] ?? {}) } : resource[support.top];
        const missing = missingTags(effective, expected);
        if (missing.length > 0) out.push({ where: `${type}.${name}`, missing });
      }
      for (const { block, attribute } of support.nested) {
        const items = resource[block] === undefined ? [] : Array.isArray(resource[block]) ? resource[block] : [resource[block]];
        items.forEach((item: any, i: number) => {
          const missing = missingTags(item?.[attribute], expected);
          if (missing.length > 0) out.push({ where: `${type}.${name}.${block}[${i}]`, missing });
        });
      }
    }
  }
  return out;
}
