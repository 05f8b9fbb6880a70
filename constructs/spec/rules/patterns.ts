/** Name patterns shared by several rules. */

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A DNS label (RFC 1123), as Kubernetes namespaces use. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A fully qualified DNS zone name such as `example.com`, with an optional trailing dot. */
export const DNS_ZONE = /^(?=.{1,253}\.?$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a Kubernetes label key is invalid, or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) return 'has a prefix that is not a DNS subdomain';
  if (!LABEL_NAME.test(name)) {
    return 'is not a valid label name (at most 63 characters: alphanumerics, -, _ and ., starting and ending alphanumeric)';
  }
  return undefined;
}

/** Whether a string is a valid Kubernetes label value. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/**
 * Label domains the kubelet may not set on its own node (NodeRestriction admission), apart from
 * the node.kubernetes.io and node-restriction.kubernetes.io domains it is allowed.
 */
export function isRestrictedNodeLabel(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return false;
  const domain = key.slice(0, slash);
  if (domain === 'node.kubernetes.io' || domain === 'node-restriction.kubernetes.io') return false;
  return ['kubernetes.io', 'k8s.io'].some((d) => domain === d || domain.endsWith(`.${d}`));
}
