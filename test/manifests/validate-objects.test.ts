import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import Ajv, { type CodeOptions, type ValidateFunction } from 'ajv';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_POLICY,
  CERT_MANAGER,
  CERT_MANAGER_FILE,
  CERT_MANAGER_POLICY,
  CLUSTER_ISSUERS,
  CLUSTER_POLICY,
  CLUSTER_WIDE_FILE,
  clusterManifests,
  CNI_CELLS,
  FQDN_POLICY,
  mergeSpecs,
  METADATA_CIDR,
  resolveCluster,
  type ClusterSpec,
  type CniCell,
  type ManifestObject,
  type NamespaceSpec,
} from '../../constructs';
import { canonicalCidr, cidrContains, prefixOf } from '../../constructs/spec/cidr';
import { fleet } from '../../stacks/fleet';
import { SHARED_PRESENT, sharedSchema } from '../support/shared-data';
import { MINIMAL } from '../support/specs';

/**
 * Every object polycluster writes to dist/manifests and to `kubernetes_manifest` goes through a
 * maintained validator: kubernetes-models for core kinds and @kubernetes-models/cert-manager for
 * cert-manager's, the published CRD schemas (../shared) for Cilium, Calico and cert-manager kinds.
 * A kind without a validator fails the suite.
 */

/** How each kind is validated, and whether it lives in a namespace. */
const KINDS = {
  'v1/Namespace': { scope: 'cluster', validator: 'kubernetes-models' },
  'networking.k8s.io/v1/NetworkPolicy': { scope: 'namespaced', validator: 'kubernetes-models' },
  'cilium.io/v2/CiliumClusterwideNetworkPolicy': { scope: 'cluster', validator: 'cilium.io/ciliumclusterwidenetworkpolicy_v2.json' },
  'cilium.io/v2/CiliumNetworkPolicy': { scope: 'namespaced', validator: 'cilium.io/ciliumnetworkpolicy_v2.json' },
  'projectcalico.org/v3/GlobalNetworkPolicy': { scope: 'cluster', validator: 'projectcalico.org/globalnetworkpolicy_v3.json' },
  // Also checked against @kubernetes-models/cert-manager below.
  'cert-manager.io/v1/ClusterIssuer': { scope: 'cluster', validator: 'cert-manager.io/clusterissuer_v1.json' },
  'cert-manager.io/v1/Certificate': { scope: 'namespaced', validator: 'cert-manager.io/certificate_v1.json' },
} as const satisfies Record<string, { scope: 'cluster' | 'namespaced'; validator: string }>;

type KnownKind = keyof typeof KINDS;
const kindKey = (object: { readonly apiVersion: string; readonly kind: string }): string => `${object.apiVersion}/${object.kind}`;
const isKnown = (key: string): key is KnownKind => Object.hasOwn(KINDS, key);

interface Collected {
  readonly title: string;
  readonly cluster: string;
  readonly fileName: string;
  readonly object: ManifestObject;
}

function collect(cluster: string, spec: ClusterSpec): Collected[] {
  return clusterManifests(resolveCluster(spec)).flatMap((file) =>
    file.objects.map((object) => ({
      title: `${cluster}/${file.fileName}/${object.kind} ${object.metadata.namespace ?? '-'}/${object.metadata.name}`,
      cluster,
      fileName: file.fileName,
      object,
    })),
  );
}

/** A spec per CNI cell whose namespaces reach every branch of the manifest builders. */
function syntheticSpec(cell: CniCell): ClusterSpec {
  const fqdns = cell.fqdnEgress.support !== 'never';
  const namespaces: NamespaceSpec[] = [
    // Exposed, with an isolated app that the load balancers must not reach.
    { name: 'web', exposed: true, labels: { team: 'web' }, allow: [{ from: { cidr: '198.51.100.0/24' }, to: { app: 'admin' }, ports: [{ port: 9443 }] }] },
    {
      name: 'payments',
      denyMetadata: true,
      allow: [
        // From an app of another namespace, from every pod of another namespace, from a range, from the own namespace.
        { from: { namespace: 'web', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] },
        { from: { namespace: 'web' }, to: { app: 'payments' }, ports: [{ port: 9090, protocol: 'TCP' }] },
        { from: { cidr: '203.0.113.0/24' }, to: { app: 'payments' }, ports: [{ port: 8443 }] },
        { from: { app: 'ledger' }, to: { app: 'payments' }, ports: [{ port: 8443 }] },
        { from: { namespace: 'payments', app: 'audit' }, to: { app: 'ledger' }, ports: [{ port: 53, protocol: 'UDP' }] },
      ],
      egress: [
        // Around the metadata address: the policy must punch it out again.
        { cidr: '0.0.0.0/0', ports: [{ port: 443 }] },
        { cidr: '203.0.113.0/24', ports: [{ port: 5432 }, { port: 5353, protocol: 'UDP' }] },
        ...(fqdns ? [{ fqdns: ['api.stripe.com', '*.stripe.com'], ports: [{ port: 443 }] }] : []),
      ],
    },
    // No baseline, metadata denied: the egress-except-metadata policy.
    { name: 'legacy', baseline: false, denyMetadata: true },
    // No baseline, metadata open: the namespace alone.
    { name: 'open', baseline: false, denyMetadata: false },
    // Baseline with the metadata server allowed.
    { name: 'identity', exposed: true, denyMetadata: false, egress: [{ cidr: '169.254.0.0/16', ports: [{ port: 80 }] }] },
  ];
  const podCidr = cell.podAddressing === 'pod-range' && cell.podBlock?.kind !== 'gke' ? { network: { podCidr: '100.64.0.0/14' } } : {};
  // DNS01 on two zones: every cloud's solver, selected per zone.
  const certManager = { acme: { email: 'ops@acme.example', dnsZones: ['acme.example', 'apps.acme.example'] } };
  return { ...MINIMAL[cell.cloud], name: `${cell.cloud}-${cell.kind}-${cell.mode}`.slice(0, 30), cni: { kind: cell.kind, mode: cell.mode }, ...podCidr, namespaces, certManager };
}

/** HTTP01 through every kind of ingress it supports: GKE's shared Gateway, Traefik, NGINX. */
const HTTP01_SPECS: [string, ClusterSpec][] = (
  [
    ['eks-traefik-overlay', { ...MINIMAL.aws, cni: { kind: 'cilium', mode: 'overlay' }, network: { podCidr: '100.64.0.0/14' }, ingress: { controller: 'traefik' } }],
    ['gke-gateway', { ...MINIMAL.gcp }],
    ['aks-traefik', { ...MINIMAL.azure }],
    ['eks-nginx', { ...MINIMAL.aws, ingress: { controller: 'nginx' } }],
  ] as [string, ClusterSpec][]
).map(([name, spec]) => [name, { ...spec, name, ingress: { ...spec.ingress, exposure: 'internet-facing' }, certManager: { acme: { email: 'ops@acme.example', solver: 'http01' } } }]);

const fleetObjects = fleet.clusters.flatMap((spec) => collect(spec.name, mergeSpecs(fleet.defaults, spec)));
const syntheticObjects = CNI_CELLS.flatMap((cell) => collect(`${cell.cloud}/${cell.kind}/${cell.mode}`, syntheticSpec(cell)));
const http01Objects = HTTP01_SPECS.flatMap(([name, spec]) => collect(name, spec));
const ALL = [...fleetObjects, ...syntheticObjects, ...http01Objects];
const CORE = ALL.filter((c) => KINDS[kindKey(c.object) as KnownKind]?.validator === 'kubernetes-models');
const CUSTOM = ALL.filter((c) => isKnown(kindKey(c.object)) && KINDS[kindKey(c.object) as KnownKind].validator !== 'kubernetes-models');

/** Paths of every empty array in a value. */
function emptyArrays(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [at || '/'] : value.flatMap((v, i) => emptyArrays(v, `${at}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => emptyArrays(v, `${at}/${k}`));
  return [];
}

/**
 * What the API server checks on ipBlocks beyond the OpenAPI schema (and so beyond
 * kubernetes-models): a canonical cidr, and every `except` a strict subset of it.
 */
function ipBlockProblems(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(ipBlockProblems);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key !== 'ipBlock') return ipBlockProblems(v);
    const { cidr, except = [] } = v as { cidr: string; except?: string[] };
    return [
      ...(canonicalCidr(cidr) === cidr ? [] : [`${cidr} is not canonical`]),
      ...except.filter((e) => !(cidrContains(cidr, e) && prefixOf(e) > prefixOf(cidr))).map((e) => `except ${e} is not a strict subset of ${cidr}`),
    ];
  });
}

/** A deep copy to break in negative controls. */
const clone = <T>(value: T): any => JSON.parse(JSON.stringify(value));

const first = (key: KnownKind): ManifestObject => {
  const found = ALL.find((c) => kindKey(c.object) === key);
  if (!found) throw new Error(`no ${key} among the collected objects`);
  return found.object;
};

const validateCore = (object: ManifestObject): void => {
  if (object.kind === 'Namespace') new Namespace(object as any).validate();
  else new NetworkPolicy(object as any).validate();
};

const validateCertManager = (object: ManifestObject): void => {
  if (object.kind === 'ClusterIssuer') new ClusterIssuer(object as any).validate();
  else new Certificate(object as any).validate();
};
const CERT_MANAGER_OBJECTS = ALL.filter((c) => c.object.apiVersion === 'cert-manager.io/v1');

describe('the collected objects reach every branch', () => {
  it('include every fleet cluster and every CNI cell', () => {
    expect(new Set(fleetObjects.map((c) => c.cluster))).toEqual(new Set(fleet.clusters.map((s) => s.name)));
    expect(new Set(syntheticObjects.map((c) => c.cluster)).size).toBe(CNI_CELLS.length);
  });

  it('include every kind polycluster writes, every baseline and cluster-wide policy and the FQDN policy', () => {
    expect(new Set(ALL.map((c) => kindKey(c.object)))).toEqual(new Set(Object.keys(KINDS)));
    const names = new Set(ALL.map((c) => c.object.metadata.name));
    for (const name of [...Object.values(BASELINE_POLICY), ...Object.values(CLUSTER_POLICY), FQDN_POLICY, ...Object.values(CERT_MANAGER_POLICY), ...Object.values(CLUSTER_ISSUERS)]) {
      expect(names, name).toContain(name);
    }
    for (const name of ['allow-to-admin', 'allow-to-payments', 'allow-to-ledger', 'allow-out.payments.payments.from.checkout', 'allow-out.payments.payments']) {
      expect(names, name).toContain(name);
    }
  });

  it('include the 0.0.0.0/0 egress with the metadata address punched out, and a cluster-wide file on every cell with cluster policies', () => {
    const egress = (namespace: string) => syntheticObjects.filter((c) => c.object.metadata.name === BASELINE_POLICY.egress && c.object.metadata.namespace === namespace);
    expect(egress('payments').length).toBe(CNI_CELLS.length);
    for (const { object, title } of egress('payments')) {
      // GKE's metadata server has a second address (Workload Identity), closed as well.
      const except = title.startsWith('gcp/') ? [METADATA_CIDR, '169.254.169.252/32'] : [METADATA_CIDR];
      expect((object as any).spec.egress[0].to, title).toEqual([{ ipBlock: { cidr: '0.0.0.0/0', except } }]);
    }
    // Where the metadata server is allowed, a range around it stays whole.
    expect(egress('identity').length).toBe(CNI_CELLS.length);
    for (const { object, title } of egress('identity')) {
      expect((object as any).spec.egress[0].to, title).toEqual([{ ipBlock: { cidr: '169.254.0.0/16' } }]);
    }
    for (const cell of CNI_CELLS) {
      const files = new Set(syntheticObjects.filter((c) => c.cluster === `${cell.cloud}/${cell.kind}/${cell.mode}`).map((c) => c.fileName));
      expect(files.has(CLUSTER_WIDE_FILE), `${cell.cloud}/${cell.kind}/${cell.mode}`).toBe(cell.clusterPolicies.kind !== 'none');
    }
  });
});

describe('every object', () => {
  it.each(ALL.map((c) => [c.title, c] as const))('%s: has a validator, no empty array, valid ipBlocks, and a namespace only where the kind has one', (_title, { fileName, object }) => {
    const key = kindKey(object);
    expect(isKnown(key), `${key} has no validator in this test: add one`).toBe(true);
    // Terraform's kubernetes_manifest fails on empty lists the API server drops (hashicorp/terraform-provider-kubernetes#2783).
    expect(emptyArrays(object)).toEqual([]);
    expect(ipBlockProblems(object)).toEqual([]);
    if (KINDS[key as KnownKind].scope === 'cluster') {
      expect(object.metadata.namespace).toBeUndefined();
    } else {
      expect(fileName).toBe(object.metadata.namespace === CERT_MANAGER.namespace ? CERT_MANAGER_FILE : `namespace-${object.metadata.namespace}.yaml`);
    }
  });
});

describe('core kinds against kubernetes-models', () => {
  it.each(CORE.map((c) => [c.title, c.object] as const))('%s', (_title, object) => {
    expect(() => validateCore(object)).not.toThrow();
  });

  it('rejects a NetworkPolicy with an unknown policy type', () => {
    const broken = clone(first('networking.k8s.io/v1/NetworkPolicy'));
    broken.spec.policyTypes = ['Sideways'];
    expect(() => validateCore(broken)).toThrow();
  });

  it('rejects a NetworkPolicy port with an unknown protocol', () => {
    const broken = clone(ALL.find((c) => c.object.metadata.name === BASELINE_POLICY.dns)!.object);
    broken.spec.egress[0].ports[0].protocol = 'ICMP';
    expect(() => validateCore(broken)).toThrow();
  });

  it('rejects an ipBlock without its cidr', () => {
    const broken = clone(ALL.find((c) => c.object.metadata.name === BASELINE_POLICY.egress)!.object);
    delete broken.spec.egress[0].to[0].ipBlock.cidr;
    expect(() => validateCore(broken)).toThrow();
  });

  it('rejects a Namespace with a non-string label', () => {
    const broken = clone(first('v1/Namespace'));
    broken.metadata.labels = { ...broken.metadata.labels, team: 7 };
    expect(() => validateCore(broken)).toThrow();
  });

  it('finds empty arrays at any depth', () => {
    expect(emptyArrays({ spec: { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [] }] } })).toEqual(['/spec/egress/0/ports']);
    expect(emptyArrays([])).toEqual(['/']);
  });

  it('finds ipBlocks the API server refuses although their shape is valid', () => {
    const block = (cidr: string, except?: string[]) => ({ spec: { egress: [{ to: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }] }] } });
    expect(ipBlockProblems(block('0.0.0.0/0', [METADATA_CIDR]))).toEqual([]);
    expect(ipBlockProblems(block(METADATA_CIDR, [METADATA_CIDR]))).toEqual([`except ${METADATA_CIDR} is not a strict subset of ${METADATA_CIDR}`]);
    expect(ipBlockProblems(block('10.0.0.0/16', ['10.1.0.0/24']))).toHaveLength(1);
    expect(ipBlockProblems(block('10.0.0.1/16'))).toEqual(['10.0.0.1/16 is not canonical']);
  });
});

describe('cert-manager kinds against @kubernetes-models/cert-manager', () => {
  it.each(CERT_MANAGER_OBJECTS.map((c) => [c.title, c.object] as const))('%s', (_title, object) => {
    expect(() => validateCertManager(object)).not.toThrow();
  });

  it('reaches every solver: DNS01 on each cloud, HTTP01 through an Ingress and through a Gateway', () => {
    const solvers = CERT_MANAGER_OBJECTS.flatMap((c) => ((c.object as any).spec.acme?.solvers ?? []) as Record<string, any>[]);
    const kinds = new Set(solvers.map((s) => Object.keys(s.dns01 ?? s.http01)[0]));
    expect(kinds).toEqual(new Set(['route53', 'cloudDNS', 'azureDNS', 'ingress', 'gatewayHTTPRoute']));
  });

  it('rejects a ClusterIssuer whose ACME e-mail is not a string, and a Certificate with an unknown key algorithm', () => {
    const issuer = clone(CERT_MANAGER_OBJECTS.find((c) => c.object.metadata.name === CLUSTER_ISSUERS.letsEncryptStaging)!.object);
    issuer.spec.acme.email = 7;
    expect(() => validateCertManager(issuer)).toThrow();
    const ca = clone(CERT_MANAGER_OBJECTS.find((c) => c.object.kind === 'Certificate')!.object);
    ca.spec.privateKey.algorithm = 'DSA';
    expect(() => validateCertManager(ca)).toThrow();
  });
});

/**
 * The CRD schemas carry Go (RE2) patterns: Cilium's `^\\PC*$` is "no control characters", which
 * JavaScript writes `\\P{C}`. One-letter Unicode classes are rewritten; everything else is as is.
 */
const goRegExp: NonNullable<CodeOptions['regExp']> = Object.assign(
  (pattern: string, flags: string): RegExp => new RegExp(pattern.replace(/(?<!\\)((?:\\\\)*)\\([pP])([A-Z])/g, '$1\\$2{$3}'), flags),
  { code: 'new RegExp' },
);

describe.skipIf(!SHARED_PRESENT)('custom kinds against the CRD schemas in ../shared', () => {
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (key: KnownKind): ValidateFunction => {
    const file = KINDS[key].validator;
    if (!validators.has(file)) validators.set(file, new Ajv({ strict: false, validateFormats: false, logger: false, code: { regExp: goRegExp } }).compile(sharedSchema(file)));
    return validators.get(file)!;
  };
  const valid = (object: unknown): { ok: boolean; errors: string } => {
    const validate = validatorOf(kindKey(object as ManifestObject) as KnownKind);
    const ok = validate(object);
    return { ok, errors: JSON.stringify(validate.errors) };
  };

  it.each(CUSTOM.map((c) => [c.title, c.object] as const))('%s', (_title, object) => {
    const { ok, errors } = valid(object);
    expect(ok, errors).toBe(true);
  });

  it('rejects a CiliumClusterwideNetworkPolicy whose default deny is not a boolean', () => {
    const broken = clone(first('cilium.io/v2/CiliumClusterwideNetworkPolicy'));
    broken.spec.enableDefaultDeny = { egress: 'no' };
    expect(valid(broken).ok).toBe(false);
  });

  it('translates the schemas\' Go patterns instead of ignoring them: a control character in a log value is rejected', () => {
    expect(goRegExp('^\\PC*$', 'u').test('polycluster')).toBe(true);
    const broken = clone(first('cilium.io/v2/CiliumClusterwideNetworkPolicy'));
    broken.spec.log = { value: 'polycluster' };
    expect(valid(broken).ok, valid(broken).errors).toBe(true);
    broken.spec.log = { value: 'bell\u0007' };
    expect(valid(broken).ok).toBe(false);
  });

  it('rejects a CiliumNetworkPolicy with an unknown field in a FQDN selector', () => {
    const broken = clone(first('cilium.io/v2/CiliumNetworkPolicy'));
    broken.spec.egress[1].toFQDNs[0] = { matchHost: 'api.stripe.com' };
    expect(valid(broken).ok).toBe(false);
  });

  it('rejects a ClusterIssuer with an unknown field in a DNS01 solver, and a Certificate without its issuer', () => {
    const issuer = clone(CERT_MANAGER_OBJECTS.find((c) => (c.object as any).spec.acme?.solvers[0].dns01?.route53)!.object);
    issuer.spec.acme.solvers[0].dns01.route53.hostedZone = 'Z123';
    expect(valid(issuer).ok).toBe(false);
    const ca = clone(CERT_MANAGER_OBJECTS.find((c) => c.object.kind === 'Certificate')!.object);
    delete ca.spec.issuerRef;
    expect(valid(ca).ok).toBe(false);
  });

  it('rejects a GlobalNetworkPolicy with an unknown action', () => {
    const broken = clone(first('projectcalico.org/v3/GlobalNetworkPolicy'));
    broken.spec.egress[0].action = 'Maybe';
    expect(valid(broken).ok).toBe(false);
  });
});
