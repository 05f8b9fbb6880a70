import { CHARTS } from '../addons/charts';
import { block, blocks, parseJsonAttribute, phaseOf, str, type TerraformResource, type TerraformView } from './posture-json';

/** What a self-installed CNI chart says about NetworkPolicy enforcement. */
export interface CniChart {
  /** Product name in the posture text. */
  readonly label: string;
  /** How the chart's values place it (chaining, policy-only), if notable. */
  readonly mode: (value: (key: string) => unknown) => string | undefined;
  /** Whether the release enforces NetworkPolicy with these values. */
  readonly enforces: (value: (key: string) => unknown) => boolean;
}

/** The CNI charts a cni stack may install, keyed by chart name (Flannel: upstream's chart, no enforcement). */
export const CNI_CHARTS: Readonly<Record<string, CniChart>> = {
  [CHARTS.cilium.chart]: {
    label: 'Cilium',
    mode: (value) => {
      const chaining = str(value('cni.chainingMode'));
      return chaining && chaining !== 'none' ? `chained on ${chaining}` : undefined;
    },
    // `never` turns enforcement off for every endpoint.
    enforces: (value) => value('policyEnforcementMode') !== 'never',
  },
  [CHARTS.tigeraOperator.chart]: {
    label: 'Calico',
    mode: (value) => (value('installation.cni.type') === 'AmazonVPC' ? 'policy-only on the AWS VPC CNI' : undefined),
    enforces: () => true,
  },
  flannel: { label: 'Flannel', mode: () => undefined, enforces: () => false },
};

/** A self-installed CNI release and whether it enforces NetworkPolicy. */
export interface SelfInstalledCni {
  /** e.g. `Cilium chained on aws-cni (cni stack, cilium 1.19.3)`. */
  readonly text: string;
  /** Whether the release enforces NetworkPolicy (Flannel never does; Cilium not with `policyEnforcementMode: never`). */
  readonly enforces: boolean;
}

/** Every CNI helm release in the stacks, read from its chart, version, values and `set` entries. */
export function selfInstalledCnis(view: TerraformView): SelfInstalledCni[] {
  return view.resources('helm_release').flatMap((release) => {
    const chart = CNI_CHARTS[String(release.body.chart)];
    if (!chart) return [];
    const value = releaseValue(release);
    const mode = chart.mode(value);
    const enforces = chart.enforces(value);
    const where = `${phaseOf(release.stack)} stack, ${String(release.body.chart)} ${String(release.body.version ?? 'unpinned')}`;
    return [{ text: `${chart.label}${mode ? ` ${mode}` : ''} (${where})${enforces ? '' : ', no NetworkPolicy enforcement'}`, enforces }];
  });
}

/** A dotted value of a release: its `set` entries win over its values documents (helm's order). */
function releaseValue(release: TerraformResource): (key: string) => unknown {
  const documents = (Array.isArray(release.body.values) ? release.body.values : []).map(parseJsonAttribute);
  const sets = blocks(release.body.set);
  return (key) => {
    const set = sets.find((s) => s.name === key);
    if (set) return set.value;
    let found: unknown;
    for (const doc of documents) {
      const v = key.split('.').reduce<unknown>((node, part) => block(node)?.[part], doc);
      if (v !== undefined) found = v;
    }
    return found;
  };
}
