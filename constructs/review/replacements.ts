import { REPLACEMENT_RULES, replacementEffect } from './force-new';
import type { StackDiff } from './resource-diff';

/** A change that destroys or replaces something expensive to lose, or rolls every node of a pool. */
export interface Replacement {
  /** The stack holding the resource. */
  readonly stack: string;
  /** The resource's Terraform address in head (base's when it was removed). */
  readonly address: string;
  /** The resource's construct path inside its stack (`ControlPlane/Cluster`). */
  readonly constructPath: string;
  /** What is at stake: cluster, node pool, network, subnet, egress IP, encryption key, route. */
  readonly category: string;
  /** `may replace`: an attribute that forces a new resource for some values only changed. */
  readonly severity: 'replace' | 'destroy' | 'may replace' | 'roll';
  /** Why, in one sentence. */
  readonly reason: string;
}

const list = (paths: readonly string[]): string => paths.map((p) => `\`${p}\``).join(', ');

/**
 * The risky changes of a stack diff, by the reviewed table of force-new attributes: an attribute
 * that forces a new resource, the removal of a guarded resource, or a changed address (Terraform
 * destroys the old address and creates the new one).
 */
export function replacementsOf(diff: StackDiff): Replacement[] {
  const out: Replacement[] = [];
  for (const change of diff.resources) {
    const rule = REPLACEMENT_RULES[change.type];
    if (!rule) continue;
    const at = { stack: diff.stack, address: change.address, constructPath: change.constructPath, category: rule.category };
    if (change.action === 'update') {
      const effect = replacementEffect(change.type, change.changes, { ignoreChanges: change.ignoreChanges });
      if (effect.replaces.length > 0) out.push({ ...at, severity: 'replace', reason: `${list(effect.replaces)} cannot change in place: Terraform destroys the ${rule.category} and creates a new one` });
      else if (effect.mayReplace.length > 0) out.push({ ...at, severity: 'may replace', reason: effect.mayReplace.map((m) => `\`${m.path}\`: ${m.because}`).join('; ') });
      else if (effect.rolls.length > 0) out.push({ ...at, severity: 'roll', reason: `${list(effect.rolls)} changes every node: the nodes are replaced one by one` });
    } else if (change.action === 'delete') {
      out.push({ ...at, severity: 'destroy', reason: `removed: ${rule.onDestroy}` });
    } else if (change.action === 'move') {
      out.push({ ...at, severity: 'replace', reason: `its address changed from \`${change.movedFrom}\` (a construct id or path changed): Terraform destroys and recreates it unless a \`moved\` block maps the old address` });
    }
  }
  return out;
}
