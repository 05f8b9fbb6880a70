/**
 * JSON Schema of `ClusterSpec` (types.ts), so that specs written as JSON or YAML, or merged from
 * organisation defaults, get their shape checked (types, enums, unknown keys) by ajv before any
 * rule runs. A test keeps the property names here equal to the interfaces in types.ts.
 */

import { GKE_GATEWAY_CLASSES } from './ingress';

type Schema = Record<string, unknown>;

const str = (): Schema => ({ type: 'string' });
const int = (minimum: number, maximum?: number): Schema => ({
  type: 'integer',
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
const bool = (): Schema => ({ type: 'boolean' });
const oneOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
const list = (items: Schema): Schema => ({ type: 'array', items });
const stringMap = (): Schema => ({ type: 'object', additionalProperties: { type: 'string' } });
const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const port = object({ port: int(1, 65535), protocol: oneOf('TCP', 'UDP') }, ['port']);

const backend: Schema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: oneOf('local', 's3', 'gcs', 'azurerm') },
  // The discriminant picks the member; each member lists its own keys.
  allOf: [
    {
      if: { properties: { kind: { const: 'local' } } },
      then: object({ kind: str(), directory: str() }, ['kind']),
    },
    {
      if: { properties: { kind: { const: 's3' } } },
      then: object(
        { kind: str(), bucket: str(), region: str(), keyPrefix: str(), dynamodbTable: str(), kmsKeyId: str() },
        ['kind', 'bucket', 'region'],
      ),
    },
    {
      if: { properties: { kind: { const: 'gcs' } } },
      then: object({ kind: str(), bucket: str(), prefix: str() }, ['kind', 'bucket']),
    },
    {
      if: { properties: { kind: { const: 'azurerm' } } },
      then: object(
        { kind: str(), resourceGroupName: str(), storageAccountName: str(), containerName: str(), keyPrefix: str() },
        ['kind', 'resourceGroupName', 'storageAccountName', 'containerName'],
      ),
    },
  ],
};

const deployerNetwork: Schema = {
  type: 'object',
  required: ['from'],
  properties: { from: oneOf('network', 'cidrs') },
  allOf: [
    { if: { properties: { from: { const: 'network' } } }, then: object({ from: str(), privateCidrs: list(str()) }, ['from']) },
    {
      if: { properties: { from: { const: 'cidrs' } } },
      then: object({ from: str(), cidrs: list(str()) }, ['from', 'cidrs']),
    },
  ],
};

/** The schema of one cluster spec. */
export const CLUSTER_SPEC_SCHEMA: Schema = object(
  {
    name: str(),
    cloud: oneOf('aws', 'gcp', 'azure'),
    region: str(),
    zones: list(str()),
    zoneCount: int(1),
    kubernetesVersion: str(),
    profile: oneOf('production', 'development'),
    network: object({
      vpcCidr: str(),
      podCidr: str(),
      serviceCidr: str(),
      controlPlaneCidr: str(),
      subnets: object({
        privatePrefix: int(0, 32),
        publicPrefix: int(0, 32),
        nodePrefix: int(0, 32),
        proxyOnlyPrefix: int(0, 32),
        apiServerPrefix: int(0, 32),
      }),
    }),
    cni: object({
      kind: oneOf('cloud', 'calico', 'cilium', 'flannel'),
      mode: str(),
      kubeProxyReplacement: bool(),
      encryption: oneOf('none', 'wireguard'),
      hubble: bool(),
    }),
    access: object({
      admins: list(str()),
      deployer: object({ network: deployerNetwork, principal: str() }),
    }),
    nodePools: list(
      object(
        {
          name: str(),
          machineType: str(),
          min: int(0),
          max: int(0),
          desired: int(0),
          sizeScope: oneOf('total', 'perZone'),
          labels: stringMap(),
          taints: list(
            object({ key: str(), value: str(), effect: oneOf('NoSchedule', 'PreferNoSchedule', 'NoExecute') }, [
              'key',
              'effect',
            ]),
          ),
          maxPods: int(1),
          diskSizeGiB: int(1),
          spot: bool(),
        },
        ['name'],
      ),
    ),
    egress: object({ nat: oneOf('per-zone', 'single', 'none'), registryMirrors: stringMap() }),
    ingress: object({
      controller: oneOf('cloud', 'traefik', 'nginx'),
      exposure: oneOf('internal', 'internet-facing'),
      externalDnsZones: list(str()),
    }),
    certManager: object({
      enabled: bool(),
      acme: object({ email: str(), solver: oneOf('dns01', 'http01'), dnsZones: list(str()) }, ['email']),
    }),
    namespaces: list(
      object(
        {
          name: str(),
          labels: stringMap(),
          baseline: bool(),
          exposed: bool(),
          denyMetadata: bool(),
          allow: list(
            object(
              {
                from: object({ namespace: str(), app: str(), cidr: str() }),
                to: object({ app: str() }, ['app']),
                ports: list(port),
              },
              ['from', 'to', 'ports'],
            ),
          ),
          egress: list(object({ cidr: str(), fqdns: list(str()), ports: list(port) }, ['ports'])),
        },
        ['name'],
      ),
    ),
    tags: stringMap(),
    kubernetesLabels: stringMap(),
    stateBackend: backend,
    security: object({ logRetentionDays: int(1), hostEncryption: bool() }),
    aws: object({ accountId: str() }),
    gcp: object({ project: str(), gatewayClasses: list(oneOf(...Object.keys(GKE_GATEWAY_CLASSES))) }, ['project']),
    azure: object({
      subscriptionId: str(),
      resourceGroupName: str(),
      dnsPrefix: str(),
      systemPool: object({ machineType: str(), min: int(0), max: int(1) }),
    }),
  },
  ['name', 'cloud', 'region'],
);
