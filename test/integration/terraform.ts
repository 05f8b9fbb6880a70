import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Whether a command is on PATH. */
export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Says loudly that a tool is missing, so a skipped check is never silent. */
export function announceMissing(tool: string, consequence: string): void {
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! ${tool} is not installed: ${consequence}\n${line}\n`);
}

const ENV = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  TF_CLI_CONFIG_FILE: join(__dirname, 'terraformrc'),
};

/** Runs terraform in a stack folder; throws with terraform's own output on failure. */
export function terraform(stackDir: string, args: string[]): string {
  try {
    return execFileSync('terraform', args, { cwd: stackDir, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${stackDir}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** `terraform init` (offline, without touching state) and `terraform validate`. */
export function initAndValidate(stackDir: string): void {
  terraform(stackDir, ['init', '-input=false', '-backend=false', '-no-color']);
  terraform(stackDir, ['validate', '-no-color']);
}

/** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes; the plan text for the failure message. */
export function planChanges(stackDir: string): { exitCode: number; output: string } {
  const result = spawnSync('terraform', ['plan', '-input=false', '-no-color', '-detailed-exitcode', '-lock=false'], { cwd: stackDir, env: ENV, encoding: 'utf8' });
  if (result.status === 1) throw new Error(`terraform plan failed in ${stackDir}:\n${result.stdout}${result.stderr}`);
  return { exitCode: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** The providers a synthesized stack needs (its required_providers). */
export function providersOf(stack: Record<string, any>): string[] {
  return Object.keys(stack.terraform?.required_providers ?? {}).sort();
}
