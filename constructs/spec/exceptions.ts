import { defaultFor, PROFILE_RELAXATIONS } from './defaults';
import type { Draft } from './draft';
import type { PostureException } from './resolved';

/** The effect of a namespace's `baseline: false`; the review matches it to the namespace by this text. */
export function baselineOptOutEffect(namespace: string): string {
  return `namespace ${namespace} has no default-deny NetworkPolicies (CIS 5.3.2)`;
}

/**
 * Every departure from the production defaults: development relaxations (source `profile`) and
 * explicit opt-outs in the spec (source `spec`). They become stack outputs, so a reviewer sees
 * them instead of finding them in a default.
 */
export function postureExceptions(draft: Draft): PostureException[] {
  const out: PostureException[] = [];
  const spec = draft.spec;
  const relaxation = (path: string): string => PROFILE_RELAXATIONS.find((r) => r.path === path)!.tradeOff;
  const secure = (path: Parameters<typeof defaultFor>[0]): unknown => defaultFor(path, draft.cloud, 'production');
  const source = (written: unknown): 'spec' | 'profile' => (written === undefined ? 'profile' : 'spec');

  if (draft.nat !== secure('egress.nat') && draft.nat !== 'none') {
    out.push({ path: 'egress.nat', value: draft.nat, secureValue: secure('egress.nat'), source: source(spec.egress?.nat), effect: relaxation('egress.nat') });
  }
  draft.nodePools.forEach((pool, i) => {
    const secureMin = secure('nodePools[].min') as number;
    if (pool.counts.min < secureMin && pool.sizeScope === 'total') {
      out.push({ path: `nodePools[${i}].min`, value: pool.counts.min, secureValue: secureMin, source: source(spec.nodePools?.[i]?.min), effect: relaxation('nodePools[].min') });
    }
  });
  const retention = secure('security.logRetentionDays') as number;
  if (draft.logRetentionDays < retention) {
    out.push({ path: 'security.logRetentionDays', value: draft.logRetentionDays, secureValue: retention, source: source(spec.security?.logRetentionDays), effect: relaxation('security.logRetentionDays') });
  }
  if (draft.deployerNetwork.from === 'cidrs') {
    out.push({
      path: 'access.deployer.network',
      value: draft.deployerNetwork,
      secureValue: { from: 'network' },
      source: 'spec',
      effect: `the public API endpoint is on, open to ${draft.deployerNetwork.cidrs.join(', ')} only`,
    });
  }
  if (draft.cloud === 'azure' && draft.profile === 'development') {
    out.push({ path: 'profile', value: 'development', secureValue: 'production', source: 'spec', effect: 'the AKS control plane runs on the Free tier, without an uptime SLA' });
  }
  if (draft.cloud === 'azure' && !draft.hostEncryption) {
    out.push({ path: 'security.hostEncryption', value: false, secureValue: true, source: 'spec', effect: 'node temp disks and caches are not encrypted at host' });
  }
  draft.namespaces.forEach((ns, i) => {
    if (!ns.baseline) {
      out.push({ path: `namespaces[${i}].baseline`, value: false, secureValue: true, source: 'spec', effect: baselineOptOutEffect(ns.name) });
    }
    if (!ns.denyMetadata && secure('namespaces[].denyMetadata') === true) {
      out.push({ path: `namespaces[${i}].denyMetadata`, value: false, secureValue: true, source: 'spec', effect: `pods in ${ns.name} may reach the cloud metadata address 169.254.169.254` });
    }
  });
  return out;
}
