import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { calicoValues } from '../../constructs/addons/cni/calico';
import { resolveCluster, type ClusterSpec } from '../../constructs';
import { MINIMAL, MIRRORS } from '../support/specs';
import { chartDefaults, SHARED_PRESENT, sharedSchema, unknownValueKeys } from '../support/shared-data';

/** The Calico specs to check: every cell, with and without WireGuard and mirrors. */
const CALICO_SPECS: [string, ClusterSpec][] = [
  ['EKS policy-only', { ...MINIMAL.aws, cni: { kind: 'calico', mode: 'policy-only' } }],
  ['EKS policy-only with WireGuard', { ...MINIMAL.aws, cni: { kind: 'calico', mode: 'policy-only', encryption: 'wireguard' } }],
  ['EKS vxlan without NAT (mirrors)', { ...MINIMAL.aws, cni: { kind: 'calico', mode: 'vxlan' }, egress: { nat: 'none', registryMirrors: MIRRORS } }],
  ['AKS vxlan with WireGuard', { ...MINIMAL.azure, cni: { kind: 'calico', mode: 'vxlan', encryption: 'wireguard' } }],
];

/**
 * `installation` is the operator.tigera.io Installation spec (most of it commented out in the
 * chart defaults), checked against its schema below; `defaultFelixConfiguration` takes
 * FelixConfiguration spec fields, for which no schema is kept offline.
 */
const CHECKED_ELSEWHERE = ['installation', 'defaultFelixConfiguration.wireguardEnabled'];

/** A schema validator over the kinds' published schemas; unknown keywords are documentation. */
const compile = (schema: Record<string, unknown>) => new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false }).compile(schema);

describe.skipIf(!SHARED_PRESENT)('chart values against ../shared', () => {
  const defaults = SHARED_PRESENT ? chartDefaults('tigera-operator-values.yaml') : {};
  const installation = SHARED_PRESENT ? compile(sharedSchema('operator.tigera.io/installation_v1.json')) : undefined;
  const apiServer = SHARED_PRESENT ? compile(sharedSchema('operator.tigera.io/apiserver_v1.json')) : undefined;

  it.each(CALICO_SPECS)('tigera-operator values for %s use only keys the chart has', (_title, spec) => {
    expect(unknownValueKeys(calicoValues(resolveCluster(spec)), defaults, CHECKED_ELSEWHERE)).toEqual([]);
  });

  it.each(CALICO_SPECS)('the Installation for %s is valid against the operator schema', (_title, spec) => {
    const { enabled, ...installSpec } = calicoValues(resolveCluster(spec)).installation as Record<string, unknown>;
    expect(enabled).toBe(true);
    const object = { apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: installSpec };
    expect(installation!(object), JSON.stringify(installation!.errors)).toBe(true);
  });

  it('the APIServer the chart renders from the values is valid against its schema', () => {
    const { enabled, ...apiServerSpec } = calicoValues(resolveCluster(CALICO_SPECS[0]![1])).apiServer as Record<string, unknown>;
    expect(enabled).toBe(true);
    expect(apiServerSpec).toEqual({});
    expect(apiServer!({ apiVersion: 'operator.tigera.io/v1', kind: 'APIServer', metadata: { name: 'default' }, spec: apiServerSpec })).toBe(true);
    // The schema is strict: a misspelt APIServer field would be caught the same way.
    expect(apiServer!({ apiVersion: 'operator.tigera.io/v1', kind: 'APIServer', metadata: { name: 'default' }, spec: { hostNetwork: true } })).toBe(false);
  });

  it('catches a misspelt value key and an invalid Installation field', () => {
    expect(unknownValueKeys({ installation: { enabled: true }, goldmain: { enabled: false }, tigeraOperator: { registy: 'x' } }, defaults)).toEqual(['goldmain', 'tigeraOperator.registy']);
    expect(unknownValueKeys({ podAnnotations: { anything: 'goes' } }, defaults)).toEqual([]);
    const typo = { apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { calicoNetwork: { ipPool: [] } } };
    expect(installation!(typo)).toBe(false);
    const badEncapsulation = { apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { calicoNetwork: { ipPools: [{ cidr: '10.0.0.0/16', encapsulation: 'Geneve' }] } } };
    expect(installation!(badEncapsulation)).toBe(false);
  });
});
