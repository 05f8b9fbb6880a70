import { clusterManifests, mergeSpecs, resolveCluster } from '../constructs';
import { explainCluster, reachabilityTable, unexpected } from '../constructs/policy-evaluator';
import { fleet } from './fleet';

/**
 * `npm run explain-policies [cluster...]`: per cluster of the fleet, what may reach what under
 * the generated NetworkPolicies. Exits non-zero if any verdict differs from what the spec implies.
 */
function main(names: readonly string[]): void {
  const specs = fleet.clusters.filter((c) => names.length === 0 || names.includes(c.name));
  const unknown = names.filter((n) => !fleet.clusters.some((c) => c.name === n));
  if (unknown.length > 0) throw new Error(`no cluster named ${unknown.join(', ')} in stacks/fleet.ts`);
  let surprises = 0;
  for (const spec of specs) {
    const cluster = resolveCluster(mergeSpecs(fleet.defaults, spec));
    const rows = explainCluster(cluster, clusterManifests(cluster));
    surprises += unexpected(rows).length;
    console.log(reachabilityTable(cluster, rows));
  }
  if (surprises > 0) {
    console.error(`${surprises} verdict(s) marked !! differ from what the spec implies`);
    process.exitCode = 1;
  }
}

try {
  main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
