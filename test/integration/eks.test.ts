import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFleet } from '../../constructs';
import { awsClusters, organisationDefaults } from '../../stacks/fleet';
import { createHostedZones, startMoto, writeMotoOverride, type Moto } from './moto';
import { announceMissing, hasCommand, initAndValidate, planChanges, providersOf, terraform } from './terraform';

const hasTerraform = hasCommand('terraform');
const hasMoto = hasCommand('moto_server');
if (!hasTerraform) announceMissing('terraform', 'the EKS stacks are not validated or applied');
if (hasTerraform && !hasMoto) announceMissing('moto_server', 'the EKS cluster and nodes stacks are not applied to the emulator');

const work = mkdtempSync(join(tmpdir(), 'polycluster-eks-'));
const outdir = join(work, 'cdktf.out');
const stackDir = (name: string) => join(outdir, 'stacks', name);
const stackJson = (name: string): Record<string, any> => JSON.parse(readFileSync(join(stackDir(name), 'cdk.tf.json'), 'utf8'));

beforeAll(async () => {
  // The example fleet's EKS clusters exactly as `npm run synth` makes them; local state lands in
  // `work`, three levels above each stack folder.
  const app = new App({ outdir });
  await defineFleet(app, { defaults: organisationDefaults, clusters: awsClusters });
  app.synth();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!hasTerraform)('terraform validate of the EKS stacks', () => {
  it('passes for every stack whose providers are all in the offline mirror', () => {
    const stacks = readdirSync(join(outdir, 'stacks')).sort();
    const offline = stacks.filter((name) => providersOf(stackJson(name)).every((p) => p === 'aws'));
    const online = stacks.filter((name) => !offline.includes(name));
    // The cluster and nodes stacks of every EKS example hold only the AWS provider (DESIGN.md).
    for (const cluster of awsClusters) {
      expect(offline).toContain(`${cluster.name}-cluster`);
      expect(offline).toContain(`${cluster.name}-nodes`);
    }
    for (const name of offline) initAndValidate(stackDir(name));
    console.info(`terraform validate passed: ${offline.join(', ')}\nneed helm/kubernetes (not in the offline mirror): ${online.join(', ')}`);
  });
});

/**
 * The EKS examples applied to moto: the VPC CNI, Cilium ENI (operator role, no VPC CNI) and Calico
 * VXLAN (kube-proxy without the VPC CNI). Each apply takes 1 to 2 minutes, so the other examples
 * are held to the shapes these cover (next test) instead of being applied too.
 */
const EMULATED = ['eks-vpc-cni-prod', 'eks-cilium-prod', 'eks-calico-vxlan-prod'];

/** The resource and data source types of a stack, with the EKS add-on names. */
function shapeOf(name: string): Set<string> {
  const json = stackJson(name);
  const kinds = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {}).map((t) => `data.${t}`)];
  const addons = Object.values<any>(json.resource?.aws_eks_addon ?? {}).map((a) => `aws_eks_addon:${a.addon_name}`);
  return new Set([...kinds, ...addons]);
}

describe('the EKS examples applied to moto', () => {
  it('cover the resource types and add-ons of every EKS example', () => {
    expect(awsClusters.map((c) => c.name)).toEqual(expect.arrayContaining(EMULATED));
    for (const phase of ['cluster', 'nodes']) {
      const covered = new Set(EMULATED.flatMap((name) => [...shapeOf(`${name}-${phase}`)]));
      for (const cluster of awsClusters) expect([...shapeOf(`${cluster.name}-${phase}`)].filter((kind) => !covered.has(kind)), cluster.name).toEqual([]);
    }
  });
});

describe.skipIf(!hasTerraform || !hasMoto)('EKS on the moto emulator', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    // The emulated examples' ExternalDNS zones are public (internet-facing clusters), and so are
    // cert-manager's DNS01 zones always.
    const emulated = awsClusters.filter((c) => EMULATED.includes(c.name));
    createHostedZones(moto.endpoint, [...new Set(emulated.flatMap((c) => [...(c.ingress?.externalDnsZones ?? []), ...(c.certManager?.acme?.dnsZones ?? [])]))]);
  });
  afterAll(async () => {
    await moto?.stop();
  });

  for (const spec of awsClusters.filter((c) => EMULATED.includes(c.name))) {
    it(`${spec.name}: cluster and nodes apply, re-plan with zero changes, and destroy`, () => {
      const started = Date.now();
      const phases = [`${spec.name}-cluster`, `${spec.name}-nodes`];
      for (const name of phases) {
        writeMotoOverride(stackDir(name), stackJson(name), moto.endpoint);
        terraform(stackDir(name), ['init', '-input=false', '-no-color']);
      }
      const applied: string[] = [];
      try {
        for (const name of phases) {
          terraform(stackDir(name), ['apply', '-input=false', '-no-color', '-auto-approve', '-lock=false']);
          applied.push(name);
          const replan = planChanges(stackDir(name));
          expect(replan.exitCode, replan.output).toBe(0);
        }
      } finally {
        for (const name of applied.reverse()) terraform(stackDir(name), ['destroy', '-input=false', '-no-color', '-auto-approve', '-lock=false']);
      }
      const state = JSON.parse(readFileSync(join(work, `terraform.${spec.name}-cluster.tfstate`), 'utf8'));
      expect(state.resources ?? []).toEqual([]);
      console.info(`${spec.name}: apply, re-plan and destroy on moto took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  }
});
