import type { CniCell } from './cni-matrix';
import { CNI_CELLS } from './cni-matrix';
import type { Problem } from './problems';

/**
 * The self-installed matrix cells polycluster can install today (`<cloud>/<kind>/<mode>`): the
 * chart values for each live in constructs/addons/cni. The matrix says what each cloud can run;
 * this says what polycluster builds. A spec naming a self-installed cell missing here is refused
 * with the other problems of the fleet (`buildProblems`), never synthesized without its CNI.
 */
export const CNI_INSTALLERS: readonly string[] = ['aws/cilium/eni', 'aws/cilium/chaining', 'aws/cilium/overlay', 'azure/cilium/overlay'];

/** The key of a cell in `CNI_INSTALLERS`. */
export const cellKey = (cell: Pick<CniCell, 'cloud' | 'kind' | 'mode'>): string => `${cell.cloud}/${cell.kind}/${cell.mode}`;

/** Whether polycluster can build the cell: managed by the cloud, or with an installer. */
export function isBuildable(cell: CniCell): boolean {
  return cell.provisioning !== 'self-installed' || CNI_INSTALLERS.includes(cellKey(cell));
}

/** The buildable cells of a cloud, for suggestions. */
export function buildableCells(cloud: CniCell['cloud']): CniCell[] {
  return CNI_CELLS.filter((cell) => cell.cloud === cloud && isBuildable(cell));
}

/** Why a valid spec cannot be built by this version, as problems next to the validation ones. */
export function buildProblems(cluster: { readonly cloud: CniCell['cloud']; readonly cni: { readonly cell: CniCell } }): Problem[] {
  const { cell } = cluster.cni;
  if (isBuildable(cell)) return [];
  const choices = [...new Set(buildableCells(cluster.cloud).map((c) => (c.kind === 'cloud' ? 'cloud' : `${c.kind} mode ${c.mode}`)))];
  return [
    {
      path: 'cni.mode',
      value: cell.mode,
      rule: `gives ${cell.kind} mode ${cell.mode} on ${cluster.cloud}, a self-installed CNI that this version of polycluster cannot install yet`,
      fix: `choose cni.kind ${choices.join(', or ')}`,
    },
  ];
}
