import { Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { APPLY_TIME, applyManifests, applyTimeKeys, applyTimeValue, withApplyTimeValues, type ManifestFile } from '../constructs';

describe('apply-time values', () => {
  const object = { spec: { zones: [{ id: applyTimeValue(APPLY_TIME.dns01ZoneId(0)) }, { id: applyTimeValue(APPLY_TIME.dns01ZoneId(1)) }], email: 'ops@acme.example' } };

  it('are readable placeholders that Terraform does not interpolate', () => {
    expect(applyTimeValue('azure-subscription-id')).toBe('<terraform: azure-subscription-id>');
    expect(applyTimeValue('x')).not.toContain('${');
  });

  it('are found at any depth, once each', () => {
    expect(applyTimeKeys(object)).toEqual(['dns01-zone-0-id', 'dns01-zone-1-id']);
    expect(applyTimeKeys({ a: [applyTimeValue('k'), { b: applyTimeValue('k') }] })).toEqual(['k']);
    // Only whole strings are placeholders: text that merely mentions one is left alone.
    expect(applyTimeKeys({ note: `see ${applyTimeValue('k')}` })).toEqual([]);
  });

  it('are replaced by their Terraform references, leaving everything else as it was', () => {
    const resolved = withApplyTimeValues(object, { 'dns01-zone-0-id': '${data.a.id}', 'dns01-zone-1-id': '${data.b.id}' }, 'test');
    expect(resolved).toEqual({ spec: { zones: [{ id: '${data.a.id}' }, { id: '${data.b.id}' }], email: 'ops@acme.example' } });
    expect(object.spec.zones[0]!.id).toBe('<terraform: dns01-zone-0-id>');
  });

  it('stop the synth, naming every missing key, when the cloud builder did not supply them', () => {
    expect(() => withApplyTimeValues(object, { 'dns01-zone-0-id': 'x' }, 'eks-test-policies/ClusterIssuer_letsencrypt-staging')).toThrow(
      'polycluster: eks-test-policies/ClusterIssuer_letsencrypt-staging needs apply-time values the cloud builder did not supply: dns01-zone-1-id',
    );
  });
});

describe('applied manifests', () => {
  const files: ManifestFile[] = [
    {
      fileName: 'namespace-web.yaml',
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } },
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'web' }, spec: {} },
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-dns', namespace: 'web' }, spec: {} },
      ],
    },
    {
      fileName: 'cert-manager.yaml',
      objects: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'cert-manager' }, spec: {} },
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-api-server', namespace: 'cert-manager' }, spec: {} },
        { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'allow-api-server-entity', namespace: 'cert-manager' }, spec: {} },
        { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt-staging' }, spec: { zone: applyTimeValue('dns01-zone-0-id') } },
      ],
    },
  ];
  const synth = (values: Record<string, string>) => {
    const stack = new TerraformStack(Testing.app(), 'policies');
    applyManifests(stack, files, values);
    return JSON.parse(Testing.synth(stack)).resource.kubernetes_manifest as Record<string, any>;
  };

  it("apply a namespace's default deny after its allow policies, so nothing meets the deny alone", () => {
    const applied = synth({ 'dns01-zone-0-id': 'Z1' });
    expect(applied['NetworkPolicy_web_default-deny'].depends_on).toEqual(['kubernetes_manifest.Namespace_web', 'kubernetes_manifest.NetworkPolicy_web_allow-dns']);
    expect(applied['NetworkPolicy_web_allow-dns'].depends_on).toEqual(['kubernetes_manifest.Namespace_web']);
    expect(applied['NetworkPolicy_cert-manager_default-deny'].depends_on).toEqual([
      'kubernetes_manifest.NetworkPolicy_cert-manager_allow-api-server',
      'kubernetes_manifest.CiliumNetworkPolicy_cert-manager_allow-api-server-entity',
    ]);
    expect(applied['NetworkPolicy_cert-manager_allow-api-server'].depends_on).toBeUndefined();
  });

  it('put the apply-time values into the applied objects', () => {
    expect(synth({ 'dns01-zone-0-id': 'Z1' })['ClusterIssuer_letsencrypt-staging'].manifest.spec.zone).toBe('Z1');
    expect(() => synth({})).toThrow('needs apply-time values the cloud builder did not supply: dns01-zone-0-id');
  });
});
