import type { AttributeChange } from './flatten';
import type { ClusterReview } from './cluster-review';
import { capped, cappedRows, code, details, table } from './markdown';
import { postureTable } from './posture';
import type { Replacement } from './replacements';
import { planCounts, type BlockChange, type StackDiff } from './resource-diff';

/** How the report was asked for. */
export interface RenderOptions {
  /** `diff`: base against head; `describe`: head alone (no `--base`). */
  readonly mode: 'diff' | 'describe';
  /**
   * What the report calls the base synthesis (its checkout path), in `diff` mode.
   * @default none (`describe` mode has no base)
   */
  readonly baseLabel?: string;
  /** What the report calls the head synthesis (its checkout path). */
  readonly headLabel: string;
  /**
   * In `describe` mode: a base was wanted but could not be synthesized.
   * @default false
   */
  readonly baseMissing?: boolean;
}

const MAX_ATTRIBUTES = 40;
const MAX_ROWS = 60;
const ACTION_MARK: Readonly<Record<BlockChange['action'], string>> = { create: '+ create', delete: '- destroy', update: '~ update', move: '→ move' };
const SEVERITY_WORD: Readonly<Record<Replacement['severity'], string>> = { replace: 'REPLACES', destroy: 'DESTROYS', 'may replace': 'MAY REPLACE', roll: 'rolls the nodes of' };

const changeLine = (c: AttributeChange): string => `  - \`${c.path}\`: ${code(c.before)} → ${code(c.after)}`;
/** The first few changed attribute names, for a table cell. */
function attributeNames(changes: readonly AttributeChange[]): string {
  const names = changes.slice(0, 5).map((c) => code(c.path));
  return changes.length > 5 ? `${names.join(', ')} and ${changes.length - 5} more` : names.join(', ');
}
const yesNo = (verdict: boolean | undefined): string => (verdict === undefined ? '—' : verdict ? 'allowed' : 'denied');

function replacementLine(r: Replacement): string {
  return `- **${SEVERITY_WORD[r.severity]} ${r.category}** \`${r.address}\` (\`${r.constructPath}\` in \`${r.stack}\`): ${r.reason}`;
}

/** A GitHub alert: CAUTION for destroys and replacements, WARNING for rolling node replacements. */
function alert(replacements: readonly Replacement[]): string {
  if (replacements.length === 0) return '';
  const kind = replacements.some((r) => r.severity !== 'roll') ? 'CAUTION' : 'WARNING';
  return [`> [!${kind}]`, ...replacements.map((r) => `> ${replacementLine(r)}`)].join('\n');
}

function describeStack(diff: StackDiff): string {
  const byType = new Map<string, number>();
  for (const r of diff.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const types = [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `${code(type)} ×${n}`);
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `- \`${diff.stack}\`: ${count(diff.resources.length, 'resource')}, ${count(diff.dataSources.length, 'data source')}: ${types.join(', ')}`;
}

function stackSection(diff: StackDiff): string {
  const n = planCounts(diff);
  const status = diff.status === 'added' ? ' (new stack)' : diff.status === 'removed' ? ' (stack removed: `cdktf destroy` it before merging, or its resources stay unmanaged)' : '';
  const head = `#### \`${diff.stack}\`${status}: ${n.add} to add, ${n.change} to change, ${n.destroy} to destroy${n.move > 0 ? `, ${n.move} moved` : ''}`;
  const rows = diff.resources.map((r) => [
    ACTION_MARK[r.action],
    code(r.address),
    code(r.constructPath),
    r.action === 'update' ? attributeNames(r.changes) : r.action === 'move' ? `from ${code(r.movedFrom)}` : '',
  ]);
  const parts = [head];
  if (rows.length > 0) parts.push(table(['', 'resource', 'construct path', 'changed attributes'], cappedRows(rows, MAX_ROWS)));
  const updates = diff.resources.filter((r) => r.action === 'update');
  if (updates.length > 0) {
    const body = updates.map((r) => [`- \`${r.address}\``, ...capped(r.changes.map(changeLine), MAX_ATTRIBUTES, '  ')].join('\n')).join('\n');
    parts.push(details('attribute changes', body));
  }
  const data = diff.dataSources.map((d) => `- ${ACTION_MARK[d.action]} data source \`${d.address}\`${d.changes.length > 0 ? `: ${d.changes.map((c) => code(c.path)).join(', ')}` : ''}`);
  const outputs = diff.outputs.map((c) => `- output ${changeLine(c).trimStart().slice(2)}`);
  const settings = diff.settings.map((c) => `- **stack setting** ${changeLine(c).trimStart().slice(2)}`);
  const extra = [...settings, ...capped(data, MAX_ROWS), ...capped(outputs, MAX_ROWS)];
  if (extra.length > 0) parts.push(extra.join('\n'));
  return parts.join('\n\n');
}

function manifestsSection(review: ClusterReview, mode: RenderOptions['mode']): string {
  if (mode === 'describe') {
    return `${review.manifests.length} Kubernetes objects in \`dist/manifests/${review.name}/\` (applied by \`${review.name}-policies\`).`;
  }
  if (review.manifests.length === 0) return 'No change to the Kubernetes manifests.';
  const lines = review.manifests.map((m) =>
    [`- ${ACTION_MARK[m.action]} \`${m.object}\` (${m.file})`, ...capped(m.changes.map(changeLine), MAX_ATTRIBUTES, '  ')].join('\n'),
  );
  return capped(lines, MAX_ROWS).join('\n');
}

function reachabilitySection(review: ClusterReview, mode: RenderOptions['mode']): string {
  if (review.reachabilityNote) return `_${review.reachabilityNote}._`;
  if (mode === 'describe') {
    if (review.probes.size === 0) return 'No probes: the cluster has no managed namespaces or cluster record.';
    const rows = [...review.probes].map(([probe, row]) => [code(probe), `${row.verdict.allowed ? 'allowed' : 'denied'}${row.verdict.allowed === row.expected ? '' : ' ‼️ not what the spec implies'}`]);
    return details(`${review.probes.size} probes judged by the policy evaluator`, table(['connection', 'verdict'], rows));
  }
  if (review.reachability.length === 0) return 'No reachability change: every probe of the policy evaluator gives the same verdict.';
  const rows = review.reachability.map((r) => [code(r.probe), yesNo(r.before), `${yesNo(r.after)}${r.unexpected ? ' ‼️ not what the spec implies' : ''}`, r.why]);
  return table(['connection', 'base', 'head', 'why (head)'], cappedRows(rows, MAX_ROWS));
}

function postureSection(review: ClusterReview, mode: RenderOptions['mode']): string {
  const parts = [postureTable(review.posture)];
  if (mode === 'diff' && review.postureChanges.length > 0) parts.unshift(['**Posture changes:**', ...review.postureChanges.map((c) => `- ${c}`)].join('\n'));
  if (review.overrides.length > 0) {
    const lines = review.overrides.map((o) => `> - \`${o.address}\` \`${o.attribute}\` = ${code(o.value)} (in \`${o.stack}\`)`);
    parts.push([`> [!WARNING]\n> ${review.overrides.length} escape-hatch override(s) write attributes the spec does not control:`, ...lines].join('\n'));
  }
  if (review.posture.unexplained.length > 0) {
    parts.push(`> [!CAUTION]\n> ${review.posture.unexplained.length} setting(s) differ from the secure defaults with no spec opt-out behind them (an override or a code change): ${review.posture.unexplained.map((r) => r.item).join(', ')}.`);
  }
  return parts.join('\n\n');
}

function diagramSection(review: ClusterReview): string {
  if (!review.diagram) return review.baseDiagram ? details('network before this change', `\`\`\`mermaid\n${review.baseDiagram}\`\`\``) : '_No cluster record: no diagram._';
  const parts = [`\`\`\`mermaid\n${review.diagram}\`\`\``];
  if (review.baseDiagram) parts.push(details('network before this change', `\`\`\`mermaid\n${review.baseDiagram}\`\`\``));
  return parts.join('\n\n');
}

function clusterSection(review: ClusterReview, mode: RenderOptions['mode']): string {
  const where = [review.cloud, review.region].filter((s) => s).join(', ');
  const presence = mode === 'describe' ? '' : review.presence === 'added' ? ' (new cluster)' : review.presence === 'removed' ? ' (removed cluster)' : '';
  const stacks = review.stacks.filter((s) => mode === 'describe' || s.status !== 'unchanged');
  const terraform = mode === 'describe' ? stacks.map(describeStack).join('\n') : stacks.length > 0 ? stacks.map(stackSection).join('\n\n') : 'No change to the Terraform stacks.';
  return [
    `## \`${review.name}\`${where ? ` (${where})` : ''}${presence}`,
    alert(review.replacements),
    `### Terraform`,
    terraform,
    `### Security posture`,
    postureSection(review, mode),
    `### Kubernetes manifests`,
    manifestsSection(review, mode),
    `### Reachability`,
    reachabilitySection(review, mode),
    `### Network`,
    diagramSection(review),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function summary(reviews: readonly ClusterReview[], mode: RenderOptions['mode']): string {
  const rows = reviews.map((r) => {
    const counts = r.stacks.map(planCounts).reduce((a, b) => ({ add: a.add + b.add, change: a.change + b.change, destroy: a.destroy + b.destroy, move: a.move + b.move }), { add: 0, change: 0, destroy: 0, move: 0 });
    const risky = r.replacements.filter((x) => x.severity !== 'roll').length;
    const rolls = r.replacements.length - risky;
    return [
      `\`${r.name}\``,
      mode === 'describe' ? `${r.stacks.length} stacks` : r.changed ? (r.presence === 'both' ? 'changed' : r.presence) : 'unchanged',
      mode === 'describe' ? `${counts.add}` : `+${counts.add} ~${counts.change} -${counts.destroy}${counts.move > 0 ? ` →${counts.move}` : ''}`,
      risky > 0 ? `⚠️ ${risky}` : rolls > 0 ? `${rolls} roll` : '—',
      r.posture.unexplained.length > 0 ? `❌ ${r.posture.unexplained.length} unexplained` : r.postureChanges.length > 0 ? `${r.postureChanges.length} changed` : `${r.posture.exceptions.length} opt-out${r.posture.exceptions.length === 1 ? '' : 's'}`,
      `${r.manifests.length}`,
      mode === 'describe' ? `${r.probes.size}` : r.reachabilityNote ? 'n/a' : `${r.reachability.length}`,
    ];
  });
  const header = mode === 'describe'
    ? ['cluster', 'stacks', 'resources', 'replacements', 'posture', 'objects', 'probes']
    : ['cluster', 'status', 'resources', 'replacements', 'posture', 'object changes', 'reachability changes'];
  return table(header, rows);
}

/** The whole report. Clusters without any change are listed in the summary only. */
export function renderReview(reviews: readonly ClusterReview[], options: RenderOptions): string {
  const changed = reviews.filter((r) => options.mode === 'describe' || r.changed);
  const risky = reviews.flatMap((r) => r.replacements);
  const intro =
    options.mode === 'describe'
      ? `Describes the synthesis in \`${options.headLabel}\` (no base to compare with).`
      : `Compares \`${options.baseLabel}\` (base) with \`${options.headLabel}\` (head): ${changed.length} of ${reviews.length} clusters changed.`;
  const warning = options.baseMissing
    ? '> [!CAUTION]\n> The base did not synthesize, so nothing was compared: this report describes the head alone and shows no change, replacement or destruction. Read the plan with `cdktf diff`, or fix the base and re-run.'
    : '';
  const parts = ['# polycluster plan review', ...(warning ? [warning] : []), intro, summary(reviews, options.mode)];
  if (options.mode === 'diff' && risky.length > 0) parts.push(alert(risky));
  for (const review of changed) parts.push(clusterSection(review, options.mode));
  if (changed.length === 0) parts.push('Nothing changed: the two syntheses are identical for every cluster.');
  return `${parts.join('\n\n')}\n`;
}
