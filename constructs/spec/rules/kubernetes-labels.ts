import type { Rule } from './context';
import { isLabelValue, labelKeyProblem } from './patterns';

/**
 * Label domains whose keys the organisation may not set on polycluster's objects, with who owns
 * them. Selectors depend on them: NetworkPolicies and Gateways select namespaces by
 * `kubernetes.io/metadata.name` and `polycluster.io/*`, pods by `app.kubernetes.io/name`, and the
 * charts label (and select) their own objects with `app.kubernetes.io/*` and `helm.sh/*`.
 */
const RESERVED_DOMAINS: readonly { readonly domain: string; readonly owner: string }[] = [
  { domain: 'kubernetes.io', owner: 'Kubernetes and the charts (app.kubernetes.io/*) own' },
  { domain: 'k8s.io', owner: 'Kubernetes owns' },
  { domain: 'helm.sh', owner: 'Helm owns' },
  { domain: 'polycluster.io', owner: 'polycluster sets itself' },
];

/** Unprefixed keys the installed charts put on their own objects (some in immutable selectors). */
export const CHART_OWNED_LABELS: readonly string[] = ['app', 'k8s-app', 'release', 'chart', 'heritage', 'component'];

/** The reserved domain a key's prefix falls in (the domain itself or a subdomain), if any. */
export function reservedLabelDomain(key: string): (typeof RESERVED_DOMAINS)[number] | undefined {
  const slash = key.indexOf('/');
  if (slash === -1) return undefined;
  const prefix = key.slice(0, slash);
  return RESERVED_DOMAINS.find((r) => prefix === r.domain || prefix.endsWith(`.${r.domain}`));
}

/**
 * `kubernetesLabels`: valid label keys and values, none in a domain or of a name that
 * Kubernetes, Helm, the charts or polycluster own.
 */
export const kubernetesLabelsRule: Rule = ({ draft, problems }) => {
  for (const [key, value] of Object.entries(draft.spec.kubernetesLabels ?? {})) {
    const at = `kubernetesLabels.${key}`;
    const keyProblem = labelKeyProblem(key);
    const reserved = reservedLabelDomain(key);
    if (keyProblem) problems.add(at, key, keyProblem, 'use a valid label key such as team or acme.example/team');
    else if (reserved) {
      problems.add(at, key, `is in the ${reserved.domain} domain, which ${reserved.owner}: policies, Gateways and chart selectors match on it`, 'use a key of your own domain, e.g. acme.example/team');
    } else if (CHART_OWNED_LABELS.includes(key)) {
      problems.add(at, key, 'is a label the installed charts set on their own objects, so a second value would break their installs', `prefix it with your own domain, e.g. acme.example/${key}`);
    }
    if (!isLabelValue(value)) {
      problems.add(at, value, 'is not a valid label value', 'use at most 63 alphanumerics, -, _ and ., starting and ending alphanumeric (or an empty value)');
    }
  }
};
