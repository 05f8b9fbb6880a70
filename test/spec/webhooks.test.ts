import { describe, expect, it } from 'vitest';
import { CNI_CELLS, RESERVED_HOST_PORTS, resolveCluster, WEBHOOK_HOST_PORTS } from '../../constructs/spec';
import { MINIMAL } from '../support/specs';

describe('webhook placement', () => {
  it('gives every webhook its own host port, clear of the kubelet, kube-proxy and the CNIs', () => {
    const ports = Object.values(WEBHOOK_HOST_PORTS);
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(RESERVED_HOST_PORTS[port], `port ${port}`).toBeUndefined();
      expect(port).toBeGreaterThan(1024);
      expect(port).toBeLessThan(30000); // below the NodePort range
    }
    expect(RESERVED_HOST_PORTS[10250]).toBe('kubelet API');
  });

  it.each(CNI_CELLS.map((cell) => [cell.cloud, cell.kind, cell.mode, cell] as const))('%s %s %s: host network exactly when the control plane cannot reach pods', (cloud, kind, mode, cell) => {
    const resolved = resolveCluster({ ...MINIMAL[cloud], cni: { kind, mode } });
    expect(resolved.cni.webhooks.hostNetwork).toBe(!cell.controlPlaneReachesPods);
    expect(resolved.cni.webhooks.hostPorts).toEqual({ 'cert-manager': 10260, 'aws-load-balancer-controller': 10261 });
  });

  it('puts webhooks on the host network for the EKS overlays only', () => {
    const hostNetwork = CNI_CELLS.filter((c) => !c.controlPlaneReachesPods).map((c) => `${c.cloud}/${c.kind}/${c.mode}`);
    expect(hostNetwork).toEqual(['aws/cilium/overlay', 'aws/calico/vxlan']);
  });
});
