import { describe, expect, it } from 'vitest';
import { gcpName, gkeNames, nodePoolId, pascalCase } from '../../constructs/gcp';
import { resourcesOf, synthCluster } from '../support/synth';
import { gke } from './helpers';

const SERVICE_ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;

describe('GCP resource names', () => {
  it('keeps short names readable', () => {
    expect(gcpName('gke-test', 'nodes', 30)).toBe('gke-test-nodes');
    expect(gkeNames('gke-test').nodeServiceAccount).toBe('gke-test-nodes');
  });

  it('cuts long cluster names to valid, distinct, stable service account ids', () => {
    const a = 'payments-platform-europe-west-production'; // 40 characters, the GKE maximum
    const b = 'payments-platform-europe-west-productiom';
    const idA = gkeNames(a).nodeServiceAccount;
    expect(idA).toMatch(SERVICE_ACCOUNT_ID);
    expect(idA.length).toBeLessThanOrEqual(30);
    expect(idA.endsWith('-nodes')).toBe(true);
    expect(gkeNames(b).nodeServiceAccount).not.toBe(idA);
    expect(gkeNames(a).nodeServiceAccount).toBe(idA);
    const dns = gkeNames(a).externalDnsServiceAccount;
    expect(dns).toMatch(SERVICE_ACCOUNT_ID);
    expect(dns.endsWith('-external-dns')).toBe(true);
    expect(gkeNames(b).externalDnsServiceAccount).not.toBe(dns);
    const certManager = gkeNames(a).certManagerServiceAccount;
    expect(certManager).toMatch(SERVICE_ACCOUNT_ID);
    expect(certManager.endsWith('-cert-manager')).toBe(true);
    expect(gkeNames(b).certManagerServiceAccount).not.toBe(certManager);
    expect(gkeNames('gke-test').certManagerServiceAccount).toBe('gke-test-cert-manager');
  });

  it('never ends the kept part of a cut name with a hyphen', () => {
    const name = gcpName('abcdefghijklmnopq-stuvwxyz-0123456789', 'nodes', 30);
    expect(name).toMatch(SERVICE_ACCOUNT_ID);
    expect(name).not.toContain('--');
  });

  it('gives every resource of a 40-character cluster a name GCP accepts', async () => {
    const name = 'g'.repeat(40);
    const { stacks } = await synthCluster(gke({ name, ingress: { exposure: 'internet-facing', externalDnsZones: ['acme.example'] }, gcp: { project: 'acme-platform', gatewayClasses: ['gke-l7-rilb'] } }));
    const accounts = Object.values(resourcesOf(stacks.cluster, 'google_service_account')) as any[];
    expect(accounts).toHaveLength(2);
    for (const account of accounts) expect(account.account_id).toMatch(SERVICE_ACCOUNT_ID);
    const types = ['google_compute_network', 'google_compute_subnetwork', 'google_compute_router', 'google_compute_router_nat', 'google_compute_address', 'google_compute_global_address', 'google_compute_firewall'];
    expect(Object.keys(resourcesOf(stacks.cluster, 'google_compute_global_address'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(stacks.cluster, 'google_compute_subnetwork'))).toHaveLength(2);
    for (const type of types) {
      for (const resource of Object.values(resourcesOf(stacks.cluster, type)) as any[]) {
        expect(resource.name, type).toMatch(/^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/);
      }
    }
  });
});

describe('construct ids', () => {
  it('derives distinct PascalCase pool ids from pool names', () => {
    expect(nodePoolId('general')).toBe('PoolGeneral');
    expect(nodePoolId('gpu-a100')).toBe('PoolGpuA100');
    expect(nodePoolId('pool-1-2')).not.toBe(nodePoolId('pool-12'));
    expect(nodePoolId('a-b')).not.toBe(nodePoolId('ab'));
  });

  it('derives PascalCase words from IAM members', () => {
    expect(pascalCase('group:platform-admins@acme.example')).toBe('GroupPlatformAdminsAcmeExample');
  });
});
