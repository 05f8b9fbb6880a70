import type { Capability } from '../cni-matrix';
import type { Rule } from './context';

/** The matrix lookup itself runs in analyse(); this rule checks the options against the cell. */
export const cniOptionsRule: Rule = ({ draft, problems, cell }) => {
  if (!cell) return;
  const where = `${cell.kind} mode ${cell.mode} on ${draft.cloud}`;
  const check = (path: string, asked: boolean | undefined, capability: Capability, what: string): void => {
    if (asked === true && capability.support === 'never') {
      problems.add(path, asked, `is not available with ${where}: ${capability.reason}`, `remove ${path}`);
    }
    if (asked === false && capability.support === 'always') {
      problems.add(path, asked, `cannot be turned off with ${where}: ${capability.reason}`, `remove ${path}; ${what} is part of the mode`);
    }
  };
  check('cni.kubeProxyReplacement', draft.cni.kubeProxyReplacement, cell.kubeProxyReplacement, 'kube-proxy replacement');
  check('cni.encryption', draft.cni.encryption === 'wireguard' ? true : undefined, cell.wireguard, 'encryption');
  check('cni.hubble', draft.cni.hubble ? true : undefined, cell.hubble, 'Hubble');
};
