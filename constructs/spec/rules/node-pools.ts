import { CLOUD_NAMES, type Cloud } from '../types';
import type { Rule } from './context';
import { isLabelValue, isRestrictedNodeLabel, labelKeyProblem } from './patterns';

const POOL_NAMES: { readonly [C in Cloud]: { readonly pattern: RegExp; readonly text: string } } = {
  aws: { pattern: /^[0-9A-Za-z][A-Za-z0-9_-]{0,62}$/, text: 'EKS node group names are 1-63 letters, digits, - and _' },
  gcp: { pattern: /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/, text: 'GKE node pool names are 1-40 lowercase letters, digits and -, starting with a letter' },
  azure: { pattern: /^[a-z][a-z0-9]{0,11}$/, text: 'AKS node pool names match ^[a-z][a-z0-9]{0,11}$' },
};

const MACHINE_TYPES: { readonly [C in Cloud]: { readonly pattern: RegExp; readonly example: string } } = {
  aws: { pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, example: 'm7i.large' },
  gcp: { pattern: /^[a-z][a-z0-9]*-[a-z0-9-]+$/, example: 'n2-standard-4' },
  azure: { pattern: /^Standard_[A-Za-z0-9_]+$/, example: 'Standard_D4ds_v5' },
};

/** Pods per node each cloud accepts. */
const MAX_PODS: { readonly [C in Cloud]: readonly [number, number] } = { aws: [1, 250], gcp: [8, 256], azure: [10, 250] };

/** Smallest OS disk each cloud's node images accept, in GiB. */
const MIN_DISK: { readonly [C in Cloud]: number } = { aws: 20, gcp: 10, azure: 30 };

export const nodePoolsRule: Rule = ({ draft, problems }) => {
  const { cloud } = draft;
  if (draft.nodePools.length === 0) {
    problems.add('nodePools', [], 'has no pool, so no workload could run', 'add a pool, or leave nodePools out for the default one');
  }
  draft.nodePools.forEach((pool, i) => {
    const at = (field: string): string => `nodePools[${i}].${field}`;
    const names = POOL_NAMES[cloud];
    if (!names.pattern.test(pool.name)) problems.add(at('name'), pool.name, `is not a valid pool name (${names.text})`, 'rename the pool');
    if (cloud === 'azure' && pool.name === 'system') {
      problems.add(at('name'), pool.name, 'is the name of the AKS system pool', 'choose another name; configure the system pool under azure.systemPool');
    }
    if (draft.nodePools.findIndex((p) => p.name === pool.name) !== i) {
      problems.add(at('name'), pool.name, 'is used by another pool', 'give every pool its own name');
    }
    const machine = MACHINE_TYPES[cloud];
    if (!machine.pattern.test(pool.machineType)) {
      problems.add(at('machineType'), pool.machineType, `is not ${CLOUD_NAMES[cloud].article} machine type`, `use ${CLOUD_NAMES[cloud].article} type such as ${machine.example}`);
    }
    const { min, max, desired } = pool.counts;
    if (max < 1) problems.add(at('max'), max, 'allows no node', 'set max to 1 or more');
    if (min > max) problems.add(at('min'), min, `is above max ${max}`, 'make min <= max');
    const desiredWritten = draft.spec.nodePools?.[i]?.desired !== undefined;
    if (desiredWritten && (desired < min || desired > max)) problems.add(at('desired'), desired, `is outside min ${min} to max ${max}`, 'choose desired between min and max, or leave it out');
    const [fewestPods, mostPods] = MAX_PODS[cloud];
    if (pool.maxPods < fewestPods || pool.maxPods > mostPods) {
      problems.add(at('maxPods'), pool.maxPods, `is outside ${fewestPods} to ${mostPods}, the range ${cloud} accepts`, `choose ${fewestPods} to ${mostPods}`);
    }
    if (pool.diskSizeGiB < MIN_DISK[cloud]) {
      problems.add(at('diskSizeGiB'), pool.diskSizeGiB, `is below the ${MIN_DISK[cloud]} GiB that ${cloud} node images need`, `use ${MIN_DISK[cloud]} GiB or more`);
    }
    for (const [key, value] of Object.entries(pool.labels)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) problems.add(at(`labels.${key}`), key, keyProblem, 'use a valid label key such as team or example.com/team');
      else if (isRestrictedNodeLabel(key)) {
        problems.add(at(`labels.${key}`), key, 'uses a kubernetes.io or k8s.io domain that nodes may not set on themselves (NodeRestriction)', 'use node.kubernetes.io/, node-restriction.kubernetes.io/ or your own domain');
      }
      if (!isLabelValue(value)) problems.add(at(`labels.${key}`), value, 'is not a valid label value', 'use at most 63 alphanumerics, -, _ and ., starting and ending alphanumeric');
    }
    pool.taints.forEach((taint, t) => {
      const keyProblem = labelKeyProblem(taint.key);
      if (keyProblem) problems.add(at(`taints[${t}].key`), taint.key, keyProblem, 'use a valid taint key such as dedicated');
      if (taint.value !== undefined && !isLabelValue(taint.value)) {
        problems.add(at(`taints[${t}].value`), taint.value, 'is not a valid taint value', 'use at most 63 alphanumerics, -, _ and .');
      }
    });
  });
};
