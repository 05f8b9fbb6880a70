import type { Capability } from '../cni-matrix';
import type { Rule } from './context';

/** The matrix lookup itself runs in analyse(); this rule checks the options against the cell. */
export const cniOptionsRule: Rule = ({ draft, problems, cell }) => {
  if (!cell) return;
  const where = `${cell.kind} mode ${cell.mode} on ${draft.cloud}`;
  /** `asked`: whether the spec turns the capability on (true), off (false) or leaves it (undefined). */
  const check = (path: string, written: unknown, asked: boolean | undefined, capability: Capability, what: string): void => {
    if (asked === true && capability.support === 'never') {
      problems.add(path, written, `is not available with ${where}: ${capability.reason}`, `remove ${path}`);
    }
    if (asked === false && capability.support === 'always') {
      problems.add(path, written, `cannot be turned off with ${where}: ${capability.reason}`, `remove ${path}; ${what} is part of the mode`);
    }
  };
  const kpr = draft.cni.kubeProxyReplacement;
  check('cni.kubeProxyReplacement', kpr, kpr, cell.kubeProxyReplacement, 'kube-proxy replacement');
  // Encryption and Hubble are only ever asked for; their absence is never a conflict.
  check('cni.encryption', draft.cni.encryption, draft.cni.encryption === 'wireguard' ? true : undefined, cell.wireguard, 'encryption');
  check('cni.hubble', draft.cni.hubble, draft.cni.hubble ? true : undefined, cell.hubble, 'Hubble');
};
