import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineFleet, pruneStaleStacks, synthWarnings, type ClusterSpec } from '../../constructs';
import { eks, eksCilium } from './helpers';

/** Synthesizes specs into `outdir` the way `cdktf synth` does, returning the warnings. */
async function synthInto(outdir: string, clusters: ClusterSpec[]): Promise<string[]> {
  const app = Testing.app({ outdir });
  await defineFleet(app, { clusters });
  app.synth();
  pruneStaleStacks(app);
  return synthWarnings(app);
}

describe('switching an EKS cluster between the VPC CNI and a CNI that replaces it', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'polycluster-switch-'));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it('warns when the previous synthesis kept the VPC CNI and this one replaces it', async () => {
    expect(await synthInto(outdir, [eks()])).toEqual([]);
    const warnings = await synthInto(outdir, [eksCilium()]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^eks-test-cluster: eks-test: cni changes from cloud mode vpc-cni to cilium mode eni on a running cluster: the vpc-cni add-on is deleted\. The EKS cluster is not replaced/,
    );
    expect(warnings[0]).toContain('Prefer a new cluster with the new CNI and move the workloads');
    // cdktf's own manifest carries it too, so `cdktf synth` and `cdktf deploy` print it.
    expect(readFileSync(join(outdir, 'manifest.json'), 'utf8')).toContain('cni changes from cloud mode vpc-cni to cilium mode eni');
  });

  it('warns on the way back to the VPC CNI', async () => {
    await synthInto(outdir, [eks({ cni: { kind: 'calico', mode: 'vxlan' } })]);
    const warnings = await synthInto(outdir, [eks()]);
    expect(warnings).toEqual([expect.stringContaining('cni changes from calico mode vxlan to cloud mode vpc-cni on a running cluster: the vpc-cni add-on is installed.')]);
  });

  it('warns between two CNIs that both replace the VPC CNI, and records the cell on the cluster for plans', async () => {
    await synthInto(outdir, [eksCilium()]);
    expect(await synthInto(outdir, [eks({ cni: { kind: 'calico', mode: 'vxlan' } })])).toEqual([
      expect.stringContaining('cni changes from cilium mode eni to calico mode vxlan on a running cluster. The EKS cluster is not replaced'),
    ]);
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', 'eks-test-cluster', 'cdk.tf.json'), 'utf8'));
    expect(Object.values<any>(stack.resource.aws_eks_cluster)[0].tags).toEqual({ 'polycluster:cni': 'aws/calico/vxlan' });
  });

  it('stays quiet for a first synthesis, an unchanged CNI and changes that keep the VPC CNI routing pods', async () => {
    expect(await synthInto(outdir, [eksCilium()])).toEqual([]);
    expect(await synthInto(outdir, [eksCilium({ nodePools: [{ name: 'general', max: 12 }] })])).toEqual([]);
    await synthInto(outdir, [eks()]);
    expect(await synthInto(outdir, [eks({ cni: { kind: 'cilium', mode: 'chaining' } })])).toEqual([]);
    expect(await synthInto(outdir, [eks({ cni: { kind: 'calico', mode: 'policy-only' } })])).toEqual([]);
  });

  it('removes the stacks of clusters and phases that are gone, keeping the rest', async () => {
    await synthInto(outdir, [eksCilium(), eks({ name: 'eks-other' })]);
    expect(existsSync(join(outdir, 'stacks', 'eks-test-cni'))).toBe(true);
    await synthInto(outdir, [eks()]);
    expect(existsSync(join(outdir, 'stacks', 'eks-test-cni'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'eks-other-cluster'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'eks-test-cluster', 'cdk.tf.json'))).toBe(true);
  });
});
