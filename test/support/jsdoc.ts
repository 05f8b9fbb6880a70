import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One documented property of an interface in constructs/spec/types.ts. */
export interface DocumentedField {
  readonly iface: string;
  readonly property: string;
  readonly optional: boolean;
  /** Whether a doc comment precedes the property. */
  readonly documented: boolean;
  readonly defaultText?: string;
}

/**
 * Reads the interfaces of types.ts as text: property names, optionality and their `@default`
 * tags. Tests use it to hold the documentation, the schema and DEFAULTS to one another.
 */
export function documentedFields(): DocumentedField[] {
  const source = readFileSync(join(__dirname, '../../constructs/spec/types.ts'), 'utf8');
  const fields: DocumentedField[] = [];
  const ifacePattern = /export interface (\w+)(?: extends [\w<>, ]+)? \{([\s\S]*?)\n\}/g;
  for (const match of source.matchAll(ifacePattern)) {
    const [, iface, body] = match;
    // A property is an optional doc comment followed by `readonly name?:`.
    const propPattern = /(\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?readonly (\w+)(\??):/g;
    for (const prop of body!.matchAll(propPattern)) {
      const doc = prop[2] ?? '';
      const def = /@default (.+)$/m.exec(doc);
      fields.push({
        iface: iface!,
        property: prop[3]!,
        optional: prop[4] === '?',
        documented: prop[1] !== undefined,
        ...(def ? { defaultText: def[1]!.trim() } : {}),
      });
    }
  }
  return fields;
}

/** Where each interface sits in a spec, as a DEFAULTS path prefix. */
export const INTERFACE_PATHS: Readonly<Record<string, string>> = {
  ClusterSpec: '',
  NetworkSpec: 'network.',
  SubnetLayoutSpec: 'network.subnets.',
  CniSpec: 'cni.',
  DeployerSpec: 'access.deployer.',
  AccessSpec: 'access.',
  TaintSpec: 'nodePools[].taints[].',
  NodePoolSpec: 'nodePools[].',
  EgressSpec: 'egress.',
  IngressSpec: 'ingress.',
  AcmeSpec: 'certManager.acme.',
  CertManagerSpec: 'certManager.',
  PortSpec: 'ports[].',
  PeerSpec: 'namespaces[].allow[].from.',
  AppSelectorSpec: 'namespaces[].allow[].to.',
  AllowanceSpec: 'namespaces[].allow[].',
  EgressAllowanceSpec: 'namespaces[].egress[].',
  NamespaceSpec: 'namespaces[].',
  LocalBackendSpec: 'stateBackend.',
  S3BackendSpec: 'stateBackend.',
  GcsBackendSpec: 'stateBackend.',
  AzurermBackendSpec: 'stateBackend.',
  SecuritySpec: 'security.',
  AwsSettings: 'aws.',
  GcpSettings: 'gcp.',
  AzureSystemPoolSpec: 'azure.systemPool.',
  AzureSettings: 'azure.',
  FleetSpec: 'fleet.',
};
