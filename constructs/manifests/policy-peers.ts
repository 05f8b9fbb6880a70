import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import { APP_LABEL, KUBE_DNS, type PortSpec } from '../spec';

/** The pods of one app, or every pod, of a namespace, as a NetworkPolicy peer or selector. */
export function podsOf(scope: Construct, id: string, options: { readonly namespace?: string; readonly app?: string }): kplus.Pods {
  return kplus.Pods.select(scope, id, {
    ...(options.app !== undefined ? { labels: { [APP_LABEL]: options.app } } : {}),
    ...(options.namespace !== undefined ? { namespaces: kplus.Namespaces.select(scope, `${id}Namespace`, { names: [options.namespace] }) } : {}),
  });
}

/** Every pod of the policy's namespace except the apps listed (isolated apps get only their allowances). */
export function podsExcept(scope: Construct, id: string, apps: readonly string[]): kplus.Pods {
  if (apps.length === 0) return kplus.Pods.all(scope, id);
  return kplus.Pods.select(scope, id, { expressions: [kplus.LabelExpression.notIn(APP_LABEL, [...apps])] });
}

/** The cluster DNS pods. */
export function kubeDns(scope: Construct, id: string): kplus.Pods {
  return kplus.Pods.select(scope, id, {
    labels: { ...KUBE_DNS.podLabels },
    namespaces: kplus.Namespaces.select(scope, `${id}Namespace`, { names: [KUBE_DNS.namespace] }),
  });
}

/** An IPv4 range, optionally with holes. */
export function addresses(scope: Construct, id: string, cidr: string, except: readonly string[] = []): kplus.NetworkPolicyIpBlock {
  return kplus.NetworkPolicyIpBlock.ipv4(scope, id, cidr, except.length > 0 ? [...except] : undefined);
}

/** The spec's ports as NetworkPolicy ports. */
export function policyPorts(ports: readonly Required<PortSpec>[]): kplus.NetworkPolicyPort[] {
  return ports.map((p) => kplus.NetworkPolicyPort.of({ port: p.port, protocol: p.protocol === 'UDP' ? kplus.NetworkProtocol.UDP : kplus.NetworkProtocol.TCP }));
}

/**
 * cdk8s-plus writes `ports: []` for a rule on every port. The API server drops empty lists, and
 * Terraform's kubernetes_manifest then fails the apply with "inconsistent result after apply"
 * (hashicorp/terraform-provider-kubernetes#2783), so the empty lists are removed.
 */
export function dropEmptyPortLists(policy: kplus.NetworkPolicy): void {
  const object = ApiObject.of(policy);
  const spec = (object.toJson() as { spec?: Record<string, { ports?: unknown[] }[] | undefined> }).spec ?? {};
  for (const direction of ['ingress', 'egress'] as const) {
    (spec[direction] ?? []).forEach((rule, i) => {
      if (Array.isArray(rule.ports) && rule.ports.length === 0) object.addJsonPatch(JsonPatch.remove(`/spec/${direction}/${i}/ports`));
    });
  }
}

/** Default deny both ways for every pod of the policy's namespace. */
export function defaultDenyProps(peers: Construct): Omit<kplus.NetworkPolicyProps, 'metadata'> {
  return {
    selector: kplus.Pods.all(peers, 'All'),
    ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
  };
}

/** DNS to kube-dns for every pod of the policy's namespace. */
export function kubeDnsEgressProps(peers: Construct): Omit<kplus.NetworkPolicyProps, 'metadata'> {
  return { selector: kplus.Pods.all(peers, 'All'), egress: { rules: [{ peer: kubeDns(peers, 'KubeDns'), ports: policyPorts(KUBE_DNS.ports) }] } };
}
