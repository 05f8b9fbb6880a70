/**
 * Flattens a JSON value into `path -> leaf` pairs: object keys joined with '.', list items as
 * `[i]`. Strings holding JSON documents (Helm values, add-on configuration, policy documents) are
 * flattened too, so a change inside them shows as the one field that changed, not a wall of text.
 * Empty objects and lists are leaves (`{}`, `[]`), so adding or emptying them shows.
 */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  const inner = typeof value === 'string' ? embeddedJson(value) : value;
  if (Array.isArray(inner)) {
    if (inner.length === 0) out.set(prefix, []);
    inner.forEach((item, i) => flatten(item, `${prefix}[${i}]`, out));
  } else if (inner !== null && typeof inner === 'object') {
    const entries = Object.entries(inner);
    if (entries.length === 0) out.set(prefix, {});
    for (const [key, item] of entries) flatten(item, prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** A string's JSON document when it holds an object or a list, else undefined. */
function embeddedJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : text;
  } catch {
    return text;
  }
}

/** One attribute whose value differs; `before`/`after` are undefined when the path is absent on that side. */
export interface AttributeChange {
  /** The flattened path: object keys joined with '.', list items as `[i]`. */
  readonly path: string;
  /** The leaf value in base; absent when the path is new. */
  readonly before?: unknown;
  /** The leaf value in head; absent when the path is gone. */
  readonly after?: unknown;
}

/** The paths whose leaves differ between two flattened values, in path order. */
export function changedPaths(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): AttributeChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: AttributeChange[] = [];
  for (const path of paths) {
    const a = before.get(path);
    const b = after.get(path);
    if (before.has(path) && after.has(path) && JSON.stringify(a) === JSON.stringify(b)) continue;
    out.push({ path, ...(before.has(path) ? { before: a } : {}), ...(after.has(path) ? { after: b } : {}) });
  }
  return out;
}
