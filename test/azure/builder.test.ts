import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { cloudDispatcher, defineCluster } from '../../constructs';
import { builder } from '../../constructs/azure';
import { MINIMAL } from '../support/specs';

const ROOT = join(__dirname, '../..');

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The module specifiers a file imports. */
const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('the AKS cloud folder', () => {
  it('exports the azure builder and registers it on import', () => {
    expect(builder.cloud).toBe('azure');
    expect(cloudDispatcher.builderFor('azure')).toBe(builder);
  });

  it('lets defineCluster build an Azure spec once the folder is imported', () => {
    const app = Testing.app();
    const { stacks } = defineCluster(app, MINIMAL.azure);
    expect(JSON.parse(Testing.synth(stacks.cluster)).resource.azurerm_kubernetes_cluster.Cluster.name).toBe('aks-test');
  });

  it('imports provider-azurerm only by deep path, and is the only folder that imports it', () => {
    const azurerm = (spec: string) => spec.startsWith('@cdktf/provider-azurerm');
    const files = [...sources(join(ROOT, 'constructs')), ...sources(join(ROOT, 'stacks'))];
    const users = files.filter((f) => importsOf(f).some(azurerm)).map((f) => relative(ROOT, f));
    expect(users.length).toBeGreaterThan(5);
    for (const file of users) expect(file.startsWith('constructs/azure/'), file).toBe(true);
    for (const file of files) {
      for (const spec of importsOf(file).filter(azurerm)) expect(spec, file).toMatch(/^@cdktf\/provider-azurerm\/lib\/[a-z0-9-]+$/);
    }
  });
});
