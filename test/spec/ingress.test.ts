import { describe, expect, it } from 'vitest';
import { chartsOf, GKE_GATEWAY_CLASSES, ingressClassesOf, loadBalancerService, resolveCluster, type ClusterSpec } from '../../constructs';
import { MINIMAL, withSpec } from '../support/specs';

const resolve = (base: ClusterSpec, change: Partial<ClusterSpec> = {}) => resolveCluster(withSpec(base, change));

describe('load balancer Services per cloud', () => {
  it('asks the AWS Load Balancer Controller for an NLB in the scheme asked for, targeting pods with VPC addresses', () => {
    const eks = resolve(MINIMAL.aws);
    expect(loadBalancerService(eks, 'internal')).toEqual({
      loadBalancerClass: 'service.k8s.aws/nlb',
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' },
    });
    expect(loadBalancerService(eks, 'internet-facing').annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internet-facing');
  });

  it('targets node ports on EKS overlays, whose pod addresses the VPC cannot route', () => {
    for (const cni of [{ kind: 'cilium', mode: 'overlay' }, { kind: 'calico', mode: 'vxlan' }] as const) {
      const overlay = resolve(MINIMAL.aws, { cni, network: { podCidr: '100.64.0.0/14' } });
      expect(loadBalancerService(overlay, 'internal').annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type']).toBe('instance');
    }
    for (const cni of [{ kind: 'cilium', mode: 'eni' }, { kind: 'cilium', mode: 'chaining' }, { kind: 'calico', mode: 'policy-only' }] as const) {
      expect(loadBalancerService(resolve(MINIMAL.aws, { cni }), 'internal').annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type']).toBe('ip');
    }
  });

  it('uses GKE internal passthrough and backend-service external NLBs', () => {
    const gke = resolve(MINIMAL.gcp);
    expect(loadBalancerService(gke, 'internal')).toEqual({ annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } });
    expect(loadBalancerService(gke, 'internet-facing')).toEqual({ annotations: { 'cloud.google.com/l4-rbs': 'enabled' } });
  });

  it("uses the Azure cloud provider's internal load balancer, or the public one", () => {
    const aks = resolve(MINIMAL.azure);
    expect(loadBalancerService(aks, 'internal')).toEqual({ annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } });
    expect(loadBalancerService(aks, 'internet-facing')).toEqual({ annotations: {} });
  });

  it('is what the resolved cluster gives its ingress controller', () => {
    const aks = resolve(MINIMAL.azure, { ingress: { exposure: 'internet-facing' } });
    expect(aks.ingress.loadBalancer).toEqual(loadBalancerService(aks, 'internet-facing'));
  });
});

describe('ingress classes and GatewayClasses', () => {
  it('makes the cloud controller the default on EKS and GKE, and Traefik on AKS', () => {
    expect(resolve(MINIMAL.aws).ingress).toMatchObject({ controller: 'cloud', classes: { ingressClass: 'alb' } });
    expect(resolve(MINIMAL.gcp).ingress).toMatchObject({ controller: 'cloud', classes: { gatewayClass: 'gke-l7-rilb' } });
    expect(resolve(MINIMAL.azure).ingress).toMatchObject({ controller: 'traefik', classes: { ingressClass: 'traefik' } });
  });

  it('offers Traefik and NGINX as IngressClasses only (no Gateway API CRDs Traefik 3.7 can use on any cloud)', () => {
    expect(ingressClassesOf('gcp', 'traefik', 'internal')).toEqual({ ingressClass: 'traefik' });
    expect(ingressClassesOf('aws', 'traefik', 'internal')).toEqual({ ingressClass: 'traefik' });
    expect(ingressClassesOf('azure', 'nginx', 'internal')).toEqual({ ingressClass: 'nginx' });
  });

  it("picks GKE's shared Gateway class from the exposure and plans the proxy-only subnet only for regional classes", () => {
    const internal = resolve(MINIMAL.gcp);
    expect(internal.ingress.gatewayClasses).toEqual(['gke-l7-rilb']);
    expect(internal.network.subnets.proxyOnly).toBe('10.0.16.0/23');
    const external = resolve(MINIMAL.gcp, { ingress: { exposure: 'internet-facing' } });
    expect(external.ingress).toMatchObject({ gatewayClasses: ['gke-l7-global-external-managed'], proxyOnlySubnet: false });
    expect(external.network.subnets.proxyOnly).toBeUndefined();
    const both = resolve(MINIMAL.gcp, { ingress: { exposure: 'internet-facing' }, gcp: { project: 'acme-platform', gatewayClasses: ['gke-l7-regional-external-managed', 'gke-l7-global-external-managed'] } });
    expect(both.ingress).toMatchObject({ gatewayClasses: ['gke-l7-global-external-managed', 'gke-l7-regional-external-managed'], proxyOnlySubnet: true });
    expect(both.network.subnets.proxyOnly).toBe('10.0.16.0/23');
  });

  it('never moves the node subnet when the proxy-only subnet comes or goes', () => {
    const internal = resolve(MINIMAL.gcp, { network: { subnets: { nodePrefix: 22, proxyOnlyPrefix: 24 } } });
    const external = resolve(MINIMAL.gcp, { network: { subnets: { nodePrefix: 22, proxyOnlyPrefix: 24 } }, ingress: { exposure: 'internet-facing' } });
    expect(internal.network.subnets.nodes).toBe(external.network.subnets.nodes);
    expect(internal.network.subnets.proxyOnly).toBe('10.0.4.0/24');
  });

  it('classifies every GKE class by exposure and scope', () => {
    expect(Object.entries(GKE_GATEWAY_CLASSES).filter(([, c]) => c.regional).map(([n]) => n).sort()).toEqual(['gke-l7-regional-external-managed', 'gke-l7-rilb']);
    expect(Object.entries(GKE_GATEWAY_CLASSES).filter(([, c]) => c.exposure === 'internal').map(([n]) => n)).toEqual(['gke-l7-rilb']);
  });

  it('refuses an unknown GatewayClass by its shape', () => {
    expect(() => resolve(MINIMAL.gcp, { gcp: { project: 'acme-platform', gatewayClasses: ['gke-l7-ilb' as never] } })).toThrow(/gcp\.gatewayClasses\[0\]/);
  });
});

describe('the charts a cluster installs', () => {
  it('follows the ingress choices, so clusters without NAT know every registry to mirror', () => {
    const cell = resolve(MINIMAL.aws).cni.cell;
    expect(chartsOf('aws', cell, { ingress: { controller: 'cloud', externalDnsZones: [] }, certManager: { enabled: false } })).toEqual(['cluster-autoscaler', 'aws-load-balancer-controller']);
    expect(chartsOf('aws', cell, { ingress: { controller: 'traefik', externalDnsZones: ['a.example.com'] }, certManager: { enabled: true } })).toEqual(['cluster-autoscaler', 'aws-load-balancer-controller', 'traefik', 'external-dns', 'cert-manager']);
    expect(chartsOf('gcp', resolve(MINIMAL.gcp).cni.cell, { ingress: { controller: 'nginx', externalDnsZones: [] }, certManager: { enabled: false } })).toEqual(['nginx-ingress']);
  });
});
