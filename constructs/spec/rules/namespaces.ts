import { distance } from 'fastest-levenshtein';
import { cidrContains, cidrProblem } from '../cidr';
import { metadataCidrs } from '../network-policy';
import type { Rule } from './context';
import { DNS_LABEL, isLabelValue, labelKeyProblem } from './patterns';

/** Namespaces that Kubernetes or polycluster's add-ons own. */
const RESERVED = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'cert-manager', 'traefik', 'nginx-ingress', 'external-dns', 'polycluster-ingress']);

/** Labels polycluster sets on managed namespaces; the spec may not set or override them. */
const OWN_LABEL_PREFIX = 'polycluster.io/';

/** A DNS name, or `*.` and a DNS name for one level of subdomains. */
const FQDN = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const namespacesRule: Rule = ({ draft, problems, cell }) => {
  const declared = draft.namespaces.map((n) => n.name);
  draft.namespaces.forEach((ns, i) => {
    const at = (field: string): string => `namespaces[${i}]${field === '' ? '' : `.${field}`}`;
    if (!DNS_LABEL.test(ns.name)) {
      problems.add(at('name'), ns.name, 'is not a valid namespace name (a DNS label: at most 63 lowercase alphanumerics and -)', 'rename it, e.g. payments');
    } else if (RESERVED.has(ns.name) || ns.name.startsWith('kube-')) {
      problems.add(at('name'), ns.name, 'is owned by Kubernetes or a polycluster add-on', 'manage your own namespaces only; add-on namespaces get their policies from the add-on');
    }
    if (declared.indexOf(ns.name) !== i) problems.add(at('name'), ns.name, 'is declared twice', 'declare each namespace once');
    for (const [key, value] of Object.entries(ns.labels)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) problems.add(at(`labels.${key}`), key, keyProblem, 'use a valid label key');
      if (!isLabelValue(value)) problems.add(at(`labels.${key}`), value, 'is not a valid label value', 'use at most 63 alphanumerics, -, _ and .');
      if (key.startsWith(OWN_LABEL_PREFIX)) {
        problems.add(at(`labels.${key}`), key, 'is a label polycluster sets itself (policies and Gateways select namespaces by it)', 'remove it; set `exposed` to open a namespace to the ingress controller');
      }
    }
    ns.allow.forEach((allowance, a) => {
      const where = at(`allow[${a}]`);
      // App names become part of policy names (allow-to-<app>), which must be DNS labels.
      if (!DNS_LABEL.test(allowance.to.app)) {
        problems.add(`${where}.to.app`, allowance.to.app, 'is not an app name polycluster can use: a DNS label (lowercase alphanumerics and -, at most 63), as it names the app\'s policy', 'use the value of the pods\' app.kubernetes.io/name label, in lowercase');
      }
      if (allowance.from.app !== undefined && !DNS_LABEL.test(allowance.from.app)) {
        problems.add(`${where}.from.app`, allowance.from.app, 'is not an app name polycluster can use: a DNS label (lowercase alphanumerics and -, at most 63), as it names the app\'s policy', 'use the value of the pods\' app.kubernetes.io/name label, in lowercase');
      }
      if (allowance.from.cidr !== undefined) {
        const problem = cidrProblem(allowance.from.cidr);
        if (problem) problems.add(`${where}.from.cidr`, allowance.from.cidr, problem, 'write an IPv4 CIDR such as 203.0.113.0/24');
        if (allowance.from.namespace !== undefined || allowance.from.app !== undefined) {
          problems.add(`${where}.from`, allowance.from, 'names both addresses (cidr) and pods (namespace/app)', 'split it into two allowances: one from the cidr, one from the pods');
        }
      }
      const from = allowance.from.namespace;
      if (from !== undefined && !declared.includes(from)) {
        const near = declared.find((d) => distance(d, from) <= 2);
        if (near) problems.add(`${where}.from.namespace`, from, `is not a declared namespace, but ${near} is`, `did you mean ${near}?`);
        else if (!DNS_LABEL.test(from)) problems.add(`${where}.from.namespace`, from, 'is not a valid namespace name', 'use the namespace of the calling pods');
      }
      if (allowance.ports.length === 0) {
        problems.add(`${where}.ports`, [], 'is empty, so the allowance would allow nothing', 'list the ports the callee serves, e.g. [{ port: 8443 }]');
      }
    });
    if (!ns.baseline && ns.egress.length > 0) {
      problems.add(at('egress'), ns.egress, 'needs the baseline: an egress allowance isolates the pods\' egress, and without the baseline nothing would allow their DNS', 'remove baseline: false, or remove the egress allowances');
    }
    ns.egress.forEach((egress, e) => {
      if ((egress.cidr === undefined) === (egress.fqdns === undefined)) {
        problems.add(at(`egress[${e}]`), egress, 'needs exactly one destination: cidr or fqdns', 'write either cidr: "203.0.113.0/24" or fqdns: ["api.example.com"], one per allowance');
      }
      if (egress.cidr !== undefined) {
        const problem = cidrProblem(egress.cidr);
        if (problem) problems.add(at(`egress[${e}].cidr`), egress.cidr, problem, 'write an IPv4 CIDR such as 203.0.113.0/24');
        else if (ns.denyMetadata && metadataCidrs(draft.cloud).some((m) => cidrContains(m, egress.cidr!))) {
          problems.add(at(`egress[${e}].cidr`), egress.cidr, 'is the metadata address, which denyMetadata keeps closed', 'remove the allowance, or set denyMetadata: false to open the metadata server');
        }
      }
      if (egress.fqdns !== undefined) {
        if (egress.fqdns.length === 0) problems.add(at(`egress[${e}].fqdns`), [], 'is empty, so the allowance would allow nothing', 'list the DNS names, e.g. ["api.stripe.com"]');
        egress.fqdns.forEach((name, f) => {
          if (!FQDN.test(name)) {
            problems.add(at(`egress[${e}].fqdns[${f}]`), name, 'is not a lowercase DNS name (optionally starting with *. for one level of subdomains)', 'write a name such as api.stripe.com or *.stripe.com');
          }
        });
        if (cell && cell.fqdnEgress.support === 'never') {
          problems.add(at(`egress[${e}].fqdns`), egress.fqdns, `cannot be enforced with ${cell.kind} mode ${cell.mode} on ${draft.cloud}: ${cell.fqdnEgress.reason}`, 'use cidr destinations instead');
        }
      }
      if (egress.ports.length === 0) problems.add(at(`egress[${e}].ports`), [], 'is empty, so the allowance would allow nothing', 'list the ports, e.g. [{ port: 443 }]');
    });
  });
};
