import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStack, type App } from 'cdktf';

/**
 * Removes stack folders of an earlier synthesis that the app no longer has (a removed cluster or
 * phase), so `cdktf.out` holds exactly this synthesis while the folders of kept stacks, which
 * later synths compare against (e.g. the EKS CNI switch warning), stay in place.
 */
export function pruneStaleStacks(app: App): string[] {
  const dir = join(app.outdir, 'stacks');
  if (!existsSync(dir)) return [];
  const current = new Set(app.node.children.filter((c) => TerraformStack.isStack(c)).map((c) => c.node.id));
  const stale = readdirSync(dir).filter((name) => !current.has(name));
  for (const name of stale) rmSync(join(dir, name), { recursive: true, force: true });
  return stale;
}
