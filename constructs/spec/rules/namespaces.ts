import { distance } from 'fastest-levenshtein';
import { cidrProblem } from '../cidr';
import type { Rule } from './context';
import { DNS_LABEL, isLabelValue, labelKeyProblem } from './patterns';

/** Namespaces that Kubernetes or polycluster's add-ons own. */
const RESERVED = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'cert-manager', 'traefik', 'nginx-ingress', 'external-dns', 'polycluster-ingress']);

export const namespacesRule: Rule = ({ draft, problems }) => {
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
    }
    ns.allow.forEach((allowance, a) => {
      const where = at(`allow[${a}]`);
      if (!isLabelValue(allowance.to.app) || allowance.to.app === '') {
        problems.add(`${where}.to.app`, allowance.to.app, 'is not a valid app label value', 'use the value of the pods\' app.kubernetes.io/name label');
      }
      if (allowance.from.app !== undefined && (!isLabelValue(allowance.from.app) || allowance.from.app === '')) {
        problems.add(`${where}.from.app`, allowance.from.app, 'is not a valid app label value', 'use the value of the pods\' app.kubernetes.io/name label');
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
    ns.egress.forEach((egress, e) => {
      const problem = cidrProblem(egress.cidr);
      if (problem) problems.add(at(`egress[${e}].cidr`), egress.cidr, problem, 'write an IPv4 CIDR such as 203.0.113.0/24');
      if (egress.ports.length === 0) problems.add(at(`egress[${e}].ports`), [], 'is empty, so the allowance would allow nothing', 'list the ports, e.g. [{ port: 443 }]');
    });
  });
};
