import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  checkSpec,
  CLOUDS,
  KUBERNETES_VERSIONS,
  ProblemList,
  resolveCluster,
  SpecValidationError,
  validateSpec,
  type ClusterSpec,
  type Problem,
} from '../../constructs/spec';
import { MINIMAL, MIRRORS, withSpec } from '../support/specs';

/**
 * Every validation message has a test that triggers it (DESIGN.md, "Testing"). Each row starts
 * from a minimal valid spec, changes only what the message is about, and names the file whose
 * message it triggers; the guards at the end fail when a `problems.add(...)` call site has no row.
 */

const RULES_DIR = join(__dirname, '../../constructs/spec/rules');
const SPEC_DIR = join(__dirname, '../../constructs/spec');

/** The files whose messages rows are tagged with. */
type Source =
  | 'access.ts'
  | 'addons.ts'
  | 'backend.ts'
  | 'capacity.ts'
  | 'cni.ts'
  | 'identity.ts'
  | 'namespaces.ts'
  | 'network.ts'
  | 'node-pools.ts'
  | 'tags.ts'
  | 'kubernetes-labels.ts'
  | 'shape.ts'
  | 'resolve.ts';

interface Row {
  /** The file whose message the row triggers. */
  readonly source: Source;
  readonly title: string;
  /** A spec as written by a user: usually a minimal spec with one change; raw data for shape rows. */
  readonly spec: unknown;
  /** The exact field path of the expected problem. */
  readonly path: string;
  /** Substring of the expected rule. */
  readonly rule: string;
  /** Substring of the expected fix. */
  readonly fix: string;
  /** The expected value, when the row pins it (the value as written, per `Problem.value`). */
  readonly value?: unknown;
}

const aws = (change: Partial<ClusterSpec>): ClusterSpec => withSpec(MINIMAL.aws, change);
const gcp = (change: Partial<ClusterSpec>): ClusterSpec => withSpec(MINIMAL.gcp, change);
const azure = (change: Partial<ClusterSpec>): ClusterSpec => withSpec(MINIMAL.azure, change);
/** A spec with a field of the wrong shape, which `ClusterSpec` cannot express. */
const raw = (base: ClusterSpec, change: Record<string, unknown>): unknown => ({ ...base, ...change });

const publicCidrs = (count: number): string[] => Array.from({ length: count }, (_, i) => `8.${Math.floor(i / 256)}.${i % 256}.0/24`);
const manyTags = (count: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag${i}`, 'v']));
/** `1.<minor>` shifted by `by` minors, to step just outside a cloud's supported window. */
const minorShift = (version: string, by: number): string => `1.${Number(version.split('.')[1]) + by}`;
const V = KUBERNETES_VERSIONS;
const windowText = (cloud: keyof typeof V): string => `${V[cloud].oldest} to ${V[cloud].newest}`;
const GUID_1 = '11111111-2222-3333-4444-555555555555';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/platform-admins';
const allowance = (from: { namespace?: string; app?: string; cidr?: string }, app = 'api', ports = [{ port: 8443 }]) => ({
  from,
  to: { app },
  ports,
});

// ---------------------------------------------------------------------------------------------
// rules/identity.ts
// ---------------------------------------------------------------------------------------------
const identityRows: Row[] = [
  { source: 'identity.ts', title: 'aws name starting with -', spec: aws({ name: '-eks' }), path: 'name', rule: 'is not a valid aws cluster name (EKS names', fix: 'use a name such as eks', value: '-eks' },
  { source: 'identity.ts', title: 'aws name longer than 100', spec: aws({ name: 'e'.repeat(101) }), path: 'name', rule: 'is not a valid aws cluster name', fix: `use a name such as ${'e'.repeat(100)}` },
  { source: 'identity.ts', title: 'gcp name with uppercase and _', spec: gcp({ name: 'GKE_Test' }), path: 'name', rule: 'is not a valid gcp cluster name (GKE names', fix: 'use a name such as gke-test' },
  { source: 'identity.ts', title: 'gcp name longer than 40', spec: gcp({ name: 'g'.repeat(41) }), path: 'name', rule: 'is not a valid gcp cluster name', fix: `use a name such as ${'g'.repeat(40)}` },
  { source: 'identity.ts', title: 'azure name ending with -', spec: azure({ name: 'aks-', azure: { dnsPrefix: 'aks' } }), path: 'name', rule: 'is not a valid azure cluster name (AKS names', fix: 'use a name such as aks' },
  { source: 'identity.ts', title: 'aws region', spec: aws({ region: 'eu-west' }), path: 'region', rule: 'is not an AWS region name', fix: 'use a region such as eu-west-1' },
  { source: 'identity.ts', title: 'gcp region', spec: gcp({ region: 'europe-west' }), path: 'region', rule: 'is not a GCP region name', fix: 'use a region such as europe-west1' },
  { source: 'identity.ts', title: 'azure region', spec: azure({ region: 'West Europe' }), path: 'region', rule: 'is not an Azure region name', fix: 'use a region such as westeurope' },
  { source: 'identity.ts', title: 'zoneCount contradicting zones', spec: aws({ zones: ['eu-west-1a', 'eu-west-1b'], zoneCount: 3 }), path: 'zoneCount', rule: 'contradicts zones, which names 2', fix: 'remove zoneCount when zones are listed', value: 3 },
  { source: 'identity.ts', title: 'aws zone of another region', spec: aws({ zones: ['eu-west-1a', 'eu-central-1b'] }), path: 'zones[1]', rule: 'is not an availability zone of eu-west-1', fix: 'list zones of the cluster region' },
  { source: 'identity.ts', title: 'aws Local Zone', spec: aws({ zones: ['eu-west-1a', 'eu-west-1-lhr-1a'] }), path: 'zones[1]', rule: 'Local and Wavelength Zones cannot host EKS', fix: 'list zones of the cluster region' },
  { source: 'identity.ts', title: 'gcp zone that is a region', spec: gcp({ zones: ['europe-west1-b', 'europe-west1'] }), path: 'zones[1]', rule: 'is not a zone of europe-west1 (such as europe-west1-b)', fix: 'list zones of the cluster region' },
  { source: 'identity.ts', title: 'azure zone 4', spec: azure({ zones: ['1', '4'] }), path: 'zones[1]', rule: 'is not an Azure availability zone (1, 2 or 3)', fix: 'list zones of the cluster region' },
  { source: 'identity.ts', title: 'duplicate zones', spec: aws({ zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'] }), path: 'zones[2]', rule: 'is listed twice', fix: 'list each zone once' },
  { source: 'identity.ts', title: 'aws zoneCount 1', spec: aws({ zoneCount: 1 }), path: 'zoneCount', rule: 'gives fewer than two zones; EKS needs subnets in at least two zones', fix: 'use two or more zones' },
  { source: 'identity.ts', title: 'aws one zone listed', spec: aws({ zones: ['eu-west-1a'] }), path: 'zones', rule: 'gives fewer than two zones', fix: 'use two or more zones' },
  { source: 'identity.ts', title: 'gcp empty zone list', spec: gcp({ zones: [] }), path: 'zones', rule: 'gives no zone', fix: 'use one or more zones', value: [] },
  { source: 'identity.ts', title: 'azure empty zone list', spec: azure({ zones: [] }), path: 'zones', rule: 'gives no zone', fix: 'use one or more zones' },
  { source: 'identity.ts', title: 'azure 4 zones', spec: azure({ zoneCount: 4 }), path: 'zoneCount', rule: 'gives 4 zones, more than 3: Azure regions have three availability zones', fix: 'use at most 3 zones' },
  { source: 'identity.ts', title: 'gcp 5 zones', spec: gcp({ zoneCount: 5 }), path: 'zoneCount', rule: 'gives 5 zones, more than 4: the subnet plan keeps room for 4 zones', fix: 'use at most 4 zones' },
  { source: 'identity.ts', title: 'aws 5 zones listed', spec: aws({ zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d', 'eu-west-1e'] }), path: 'zones', rule: 'gives 5 zones, more than 4', fix: 'use at most 4 zones' },
  { source: 'identity.ts', title: 'malformed version (patch)', spec: aws({ kubernetesVersion: '1.34.2' }), path: 'kubernetesVersion', rule: 'is not a Kubernetes minor version', fix: `write it as 1.<minor>, e.g. ${V.aws.newest}` },
  { source: 'identity.ts', title: 'aws version below the window', spec: aws({ kubernetesVersion: minorShift(V.aws.oldest, -1) }), path: 'kubernetesVersion', rule: `is outside the aws supported window ${windowText('aws')}`, fix: `choose a version from ${windowText('aws')}` },
  { source: 'identity.ts', title: 'gcp version below the window', spec: gcp({ kubernetesVersion: minorShift(V.gcp.oldest, -1) }), path: 'kubernetesVersion', rule: `is outside the gcp supported window ${windowText('gcp')}`, fix: `choose a version from ${windowText('gcp')}` },
  { source: 'identity.ts', title: 'azure version above the window', spec: azure({ kubernetesVersion: minorShift(V.azure.newest, 1) }), path: 'kubernetesVersion', rule: `is outside the azure supported window ${windowText('azure')}`, fix: `choose a version from ${windowText('azure')}` },
  { source: 'identity.ts', title: 'malformed version (v prefix)', spec: gcp({ kubernetesVersion: 'v1.34' }), path: 'kubernetesVersion', rule: 'is not a Kubernetes minor version', fix: 'write it as 1.<minor>' },
  { source: 'identity.ts', title: 'malformed version (leading zero minor)', spec: aws({ kubernetesVersion: '1.034' }), path: 'kubernetesVersion', rule: 'is not a Kubernetes minor version', fix: 'write it as 1.<minor>' },
  { source: 'identity.ts', title: 'gcp block on aws', spec: aws({ gcp: { project: 'acme-platform' } }), path: 'gcp', rule: 'are GCP settings on an AWS cluster', fix: 'remove the gcp block, or set cloud to gcp' },
  { source: 'identity.ts', title: 'azure block on gcp', spec: gcp({ azure: { dnsPrefix: 'x' } }), path: 'azure', rule: 'are Azure settings on a GCP cluster', fix: 'remove the azure block, or set cloud to azure' },
  { source: 'identity.ts', title: 'aws block on azure', spec: azure({ aws: { accountId: '123456789012' } }), path: 'aws', rule: 'are AWS settings on an Azure cluster', fix: 'remove the aws block, or set cloud to aws' },
  { source: 'identity.ts', title: 'gcp.project missing', spec: { name: 'gke-test', cloud: 'gcp', region: 'europe-west1' } satisfies ClusterSpec, path: 'gcp.project', rule: 'is required on GCP', fix: 'set gcp.project to the project id' },
  { source: 'identity.ts', title: 'gcp.project display name', spec: gcp({ gcp: { project: 'Acme Platform' } }), path: 'gcp.project', rule: 'is not a GCP project id', fix: 'use the project id, not its display name or number' },
  { source: 'identity.ts', title: 'gcp.project number', spec: gcp({ gcp: { project: '123456789012' } }), path: 'gcp.project', rule: 'is not a GCP project id', fix: 'use the project id' },
  { source: 'identity.ts', title: 'aws.accountId', spec: aws({ aws: { accountId: '12345' } }), path: 'aws.accountId', rule: 'is not a 12-digit AWS account id', fix: 'use the account id, e.g. 123456789012' },
  { source: 'identity.ts', title: 'azure.subscriptionId', spec: azure({ azure: { subscriptionId: 'my-subscription' } }), path: 'azure.subscriptionId', rule: 'is not a subscription id (a GUID)', fix: 'use the subscription id' },
  { source: 'identity.ts', title: 'azure.resourceGroupName ending with .', spec: azure({ azure: { resourceGroupName: 'platform.' } }), path: 'azure.resourceGroupName', rule: 'is not a valid resource group name', fix: 'choose another name' },
  { source: 'identity.ts', title: 'azure.resourceGroupName with a space', spec: azure({ azure: { resourceGroupName: 'platform rg' } }), path: 'azure.resourceGroupName', rule: 'is not a valid resource group name', fix: 'choose another name' },
  { source: 'identity.ts', title: 'azure.dnsPrefix written', spec: azure({ azure: { dnsPrefix: '-aks' } }), path: 'azure.dnsPrefix', rule: 'is not a valid AKS DNS prefix (1-54 letters, digits and -', fix: 'set azure.dnsPrefix, e.g. aks' },
  { source: 'identity.ts', title: 'azure.dnsPrefix defaulted from a name with _', spec: azure({ name: 'aks_test' }), path: 'azure.dnsPrefix', rule: '; it defaults to the cluster name', fix: 'set azure.dnsPrefix, e.g. aks-test', value: 'aks_test' },
  { source: 'identity.ts', title: 'azure.systemPool.min 0', spec: azure({ azure: { systemPool: { min: 0 } } }), path: 'azure.systemPool.min', rule: 'leaves the AKS system pool without nodes', fix: 'use at least 1' },
  { source: 'identity.ts', title: 'azure.systemPool.min above max', spec: azure({ azure: { systemPool: { min: 4, max: 2 } } }), path: 'azure.systemPool.min', rule: 'is above azure.systemPool.max 2', fix: 'make min <= max' },
  { source: 'identity.ts', title: 'azure.systemPool.machineType', spec: azure({ azure: { systemPool: { machineType: 'D4ds_v5' } } }), path: 'azure.systemPool.machineType', rule: 'is not an Azure VM size', fix: 'use a size such as Standard_D4ds_v5' },
  { source: 'identity.ts', title: 'azure log retention above 730 days', spec: azure({ security: { logRetentionDays: 731 } }), path: 'security.logRetentionDays', rule: 'is outside the 30 to 730 days an AKS Log Analytics workspace keeps logs', fix: 'use 30 to 730 days', value: 731 },
  { source: 'identity.ts', title: 'azure log retention below 30 days', spec: azure({ security: { logRetentionDays: 7 } }), path: 'security.logRetentionDays', rule: 'is outside the 30 to 730 days', fix: 'use 30 to 730 days', value: 7 },
];

// ---------------------------------------------------------------------------------------------
// rules/network.ts
// ---------------------------------------------------------------------------------------------
const networkRows: Row[] = [
  { source: 'network.ts', title: 'podCidr written with the EKS VPC CNI', spec: aws({ network: { podCidr: '100.64.0.0/14' } }), path: 'network.podCidr', rule: 'is not used: pods take VPC addresses with cloud mode vpc-cni', fix: 'remove network.podCidr, or choose an overlay mode' },
  { source: 'network.ts', title: 'podCidr written with Cilium eni', spec: aws({ cni: { kind: 'cilium', mode: 'eni' }, network: { podCidr: '100.64.0.0/14' } }), path: 'network.podCidr', rule: 'is not used: pods take VPC addresses with cilium mode eni', fix: 'remove network.podCidr' },
  { source: 'network.ts', title: 'azure service range too small for the DNS address', spec: azure({ network: { serviceCidr: '172.20.0.0/29' } }), path: 'network.serviceCidr', rule: 'has prefix /29, too small for the cluster DNS service at its tenth address', fix: 'use a /16 to /24' },
  { source: 'network.ts', title: 'controlPlaneCidr on aws', spec: aws({ network: { controlPlaneCidr: '172.16.0.0/28' } }), path: 'network.controlPlaneCidr', rule: 'is only used by GKE, not aws', fix: 'remove network.controlPlaneCidr' },
  { source: 'network.ts', title: 'controlPlaneCidr on azure', spec: azure({ network: { controlPlaneCidr: '172.16.0.0/28' } }), path: 'network.controlPlaneCidr', rule: 'is only used by GKE, not azure', fix: 'remove network.controlPlaneCidr' },
  { source: 'network.ts', title: 'vpcCidr not a CIDR', spec: aws({ network: { vpcCidr: '10.0.0.0' } }), path: 'network.vpcCidr', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR whose address is the first of its range' },
  { source: 'network.ts', title: 'vpcCidr with host bits', spec: gcp({ network: { vpcCidr: '10.0.0.1/16' } }), path: 'network.vpcCidr', rule: 'has host bits set (the range starts at 10.0.0.0/16)', fix: 'write an IPv4 CIDR whose address is the first of its range' },
  { source: 'network.ts', title: 'serviceCidr prefix 33', spec: azure({ network: { serviceCidr: '172.20.0.0/33' } }), path: 'network.serviceCidr', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR' },
  { source: 'network.ts', title: 'gcp podCidr not a CIDR', spec: gcp({ network: { podCidr: 'pods' } }), path: 'network.podCidr', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR' },
  { source: 'network.ts', title: 'gcp controlPlaneCidr not a CIDR', spec: gcp({ network: { controlPlaneCidr: '172.16.0.0/28x' } }), path: 'network.controlPlaneCidr', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR' },
  { source: 'network.ts', title: 'aws serviceCidr overlapping the VPC', spec: aws({ network: { serviceCidr: '10.0.0.0/16' } }), path: 'network.serviceCidr', rule: 'overlaps network.vpcCidr 10.0.0.0/16', fix: 'choose a disjoint range such as 172.16.0.0/16' },
  { source: 'network.ts', title: 'gcp podCidr overlapping the VPC', spec: gcp({ network: { podCidr: '10.0.0.0/14' } }), path: 'network.podCidr', rule: 'overlaps network.vpcCidr 10.0.0.0/16', fix: 'choose a disjoint range such as 100.64.0.0/14' },
  { source: 'network.ts', title: 'gcp controlPlaneCidr overlapping the service range', spec: gcp({ network: { controlPlaneCidr: '172.20.0.0/28' } }), path: 'network.controlPlaneCidr', rule: 'overlaps network.serviceCidr 172.20.0.0/16', fix: 'choose a disjoint range such as 172.16.0.0/28' },
  { source: 'network.ts', title: 'azure podCidr overlapping the VNet', spec: azure({ network: { vpcCidr: '100.64.0.0/16' } }), path: 'network.podCidr', rule: 'overlaps network.vpcCidr 100.64.0.0/16', fix: 'choose a disjoint range such as' },
  { source: 'network.ts', title: 'overlap with no free range to suggest', spec: gcp({ network: { vpcCidr: '10.0.0.0/8', podCidr: '10.0.0.0/8' } }), path: 'network.podCidr', rule: 'overlaps network.vpcCidr 10.0.0.0/8', fix: 'choose a disjoint range' },
  { source: 'network.ts', title: 'aws VPC wider than /16', spec: aws({ network: { vpcCidr: '10.0.0.0/12' } }), path: 'network.vpcCidr', rule: 'has prefix /12; aws accepts /16 to /28', fix: 'use a prefix from /16 to /28, e.g. /16' },
  { source: 'network.ts', title: 'aws VPC narrower than /28', spec: aws({ network: { vpcCidr: '10.0.0.0/29' } }), path: 'network.vpcCidr', rule: 'has prefix /29; aws accepts /16 to /28', fix: 'use a prefix from /16 to /28' },
  { source: 'network.ts', title: 'gcp VPC narrower than /29', spec: gcp({ network: { vpcCidr: '10.0.0.0/30' } }), path: 'network.vpcCidr', rule: 'has prefix /30; gcp accepts /8 to /29', fix: 'use a prefix from /8 to /29' },
  { source: 'network.ts', title: 'azure VNet wider than /8', spec: azure({ network: { vpcCidr: '10.0.0.0/7' } }), path: 'network.vpcCidr', rule: 'has prefix /7; azure accepts /8 to /29', fix: 'use a prefix from /8 to /29' },
  { source: 'network.ts', title: 'EKS service range outside RFC 1918', spec: aws({ network: { serviceCidr: '198.19.0.0/16' } }), path: 'network.serviceCidr', rule: 'is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, as EKS requires', fix: 'use a private range such as 172.20.0.0/16' },
  { source: 'network.ts', title: 'EKS service range narrower than /24', spec: aws({ network: { serviceCidr: '172.20.0.0/25' } }), path: 'network.serviceCidr', rule: 'has prefix /25; EKS accepts /12 to /24', fix: 'use a prefix from /12 to /24' },
  { source: 'network.ts', title: 'EKS service range wider than /12', spec: aws({ network: { serviceCidr: '172.0.0.0/11' } }), path: 'network.serviceCidr', rule: 'has prefix /11; EKS accepts /12 to /24', fix: 'use a prefix from /12 to /24' },
  { source: 'network.ts', title: 'AKS service range in 172.30.0.0/16', spec: azure({ network: { serviceCidr: '172.30.0.0/16' } }), path: 'network.serviceCidr', rule: 'overlaps 172.30.0.0/16, which AKS reserves', fix: 'choose a range outside 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24' },
  { source: 'network.ts', title: 'AKS service range in 192.0.2.0/24', spec: azure({ network: { serviceCidr: '192.0.2.0/24' } }), path: 'network.serviceCidr', rule: 'overlaps 192.0.2.0/24, which AKS reserves', fix: 'choose a range outside' },
  { source: 'network.ts', title: 'AKS service range wider than /12', spec: azure({ network: { serviceCidr: '64.0.0.0/11' } }), path: 'network.serviceCidr', rule: 'has prefix /11; AKS accepts /12 or smaller', fix: 'use a prefix of /12 or longer' },
  { source: 'network.ts', title: 'GKE service range wider than /16', spec: gcp({ network: { serviceCidr: '172.20.0.0/15' } }), path: 'network.serviceCidr', rule: 'has prefix /15; GKE service ranges are /16 to /27', fix: 'use a prefix from /16 to /27' },
  { source: 'network.ts', title: 'GKE service range narrower than /27', spec: gcp({ network: { serviceCidr: '172.20.0.0/28' } }), path: 'network.serviceCidr', rule: 'has prefix /28; GKE service ranges are /16 to /27', fix: 'use a prefix from /16 to /27' },
  { source: 'network.ts', title: 'AKS pod range in 169.254.0.0/16', spec: azure({ network: { podCidr: '169.254.0.0/16' } }), path: 'network.podCidr', rule: 'overlaps 169.254.0.0/16, which AKS reserves', fix: 'choose a range outside' },
  { source: 'network.ts', title: 'AKS pod range in 172.31.0.0/16', spec: azure({ network: { podCidr: '172.31.0.0/16' } }), path: 'network.podCidr', rule: 'overlaps 172.31.0.0/16, which AKS reserves', fix: 'choose a range outside' },
  { source: 'network.ts', title: 'GKE control-plane range not /28', spec: gcp({ network: { controlPlaneCidr: '172.16.0.0/27' } }), path: 'network.controlPlaneCidr', rule: "has prefix /27; GKE's control-plane range is exactly /28", fix: 'use a /28 such as 172.16.0.0/28' },
  { source: 'network.ts', title: 'GKE control-plane range not RFC 1918', spec: gcp({ network: { controlPlaneCidr: '198.18.0.0/28' } }), path: 'network.controlPlaneCidr', rule: 'is not a private (RFC 1918) range, as GKE requires', fix: 'use a private /28 such as 172.16.0.0/28' },
  { source: 'network.ts', title: 'aws privatePrefix narrower than /28', spec: aws({ network: { subnets: { privatePrefix: 29 } } }), path: 'network.subnets.privatePrefix', rule: 'is outside /16 to /28 for this VPC range on aws', fix: 'use a prefix from 16 to 28', value: 29 },
  { source: 'network.ts', title: 'aws publicPrefix wider than the VPC', spec: aws({ network: { vpcCidr: '10.0.0.0/20', subnets: { publicPrefix: 18 } } }), path: 'network.subnets.publicPrefix', rule: 'is outside /20 to /28 for this VPC range on aws', fix: 'use a prefix from 20 to 28' },
  { source: 'network.ts', title: 'gcp nodePrefix narrower than /29', spec: gcp({ network: { subnets: { nodePrefix: 30 } } }), path: 'network.subnets.nodePrefix', rule: 'is outside /16 to /29 for this VPC range on gcp', fix: 'use a prefix from 16 to 29' },
  { source: 'network.ts', title: 'azure nodePrefix wider than the VNet', spec: azure({ network: { subnets: { nodePrefix: 15 } } }), path: 'network.subnets.nodePrefix', rule: 'is outside /16 to /29 for this VPC range on azure', fix: 'use a prefix from 16 to 29' },
  { source: 'network.ts', title: 'gcp proxyOnlyPrefix narrower than /26 for an internal Gateway', spec: gcp({ network: { subnets: { proxyOnlyPrefix: 27 } } }), path: 'network.subnets.proxyOnlyPrefix', rule: 'is outside /16 to /26 for this VPC range on gcp', fix: 'use a prefix from 16 to 26' },
  { source: 'capacity.ts', title: 'GKE VPC without room for the proxy-only subnet', spec: gcp({ network: { vpcCidr: '10.0.0.0/20', subnets: { nodePrefix: 20 } } }), path: 'network.vpcCidr', rule: 'cannot hold the subnet layout (the proxy-only subnets end', fix: 'use a /19 or wider range' },
  { source: 'network.ts', title: 'azure apiServerPrefix narrower than /28', spec: azure({ network: { subnets: { apiServerPrefix: 29 } } }), path: 'network.subnets.apiServerPrefix', rule: 'is outside /16 to /28 for this VPC range on azure', fix: 'use a prefix from 16 to 28' },
];

// ---------------------------------------------------------------------------------------------
// rules/capacity.ts
// ---------------------------------------------------------------------------------------------
const capacityRows: Row[] = [
  { source: 'capacity.ts', title: 'aws VPC too small for the layout', spec: aws({ network: { vpcCidr: '10.0.0.0/20', subnets: { privatePrefix: 22, publicPrefix: 24 } } }), path: 'network.vpcCidr', rule: 'cannot hold the subnet layout (the public subnets end 5120 addresses into a range of 4096)', fix: 'use a /19 or wider range, or longer prefixes under network.subnets' },
  { source: 'capacity.ts', title: 'azure VNet too small for the layout', spec: azure({ network: { vpcCidr: '10.0.0.0/20', subnets: { nodePrefix: 20 } } }), path: 'network.vpcCidr', rule: 'cannot hold the subnet layout (the api-server subnets end', fix: 'use a /19 or wider range' },
  { source: 'capacity.ts', title: 'aws private subnet too small for VPC-IP pods', spec: aws({ network: { subnets: { privatePrefix: 24 } } }), path: 'network.subnets.privatePrefix', rule: 'gives 251 usable addresses, fewer than the 333 that the node pools of one zone need at peak (max nodes plus one surge node per zone, each with its pods)', fix: 'use /23 or wider (this renumbers the subnets), or lower nodePools max or maxPods', value: 24 },
  { source: 'capacity.ts', title: 'aws private subnet too small for Cilium eni pods', spec: aws({ cni: { kind: 'cilium' }, network: { subnets: { privatePrefix: 25 } } }), path: 'network.subnets.privatePrefix', rule: 'fewer than the 333 that the node pools of one zone need at peak', fix: 'use /23 or wider' },
  { source: 'capacity.ts', title: 'aws private subnet too small for overlay nodes', spec: aws({ cni: { kind: 'calico', mode: 'vxlan' }, network: { subnets: { privatePrefix: 28 } }, nodePools: [{ name: 'general', max: 60 }] }), path: 'network.subnets.privatePrefix', rule: 'gives 11 usable addresses, fewer than the 21 that the node pools of one zone need at peak (max nodes plus one surge node per zone)', fix: 'use /27 or wider' },
  { source: 'capacity.ts', title: 'GKE node subnet too small', spec: gcp({ network: { subnets: { nodePrefix: 29 } } }), path: 'network.subnets.nodePrefix', rule: 'gives 4 usable addresses, fewer than the 9 that the node pools need at peak', fix: 'use /28 or wider' },
  { source: 'capacity.ts', title: 'AKS node subnet too small (system pool counted)', spec: azure({ network: { subnets: { nodePrefix: 28 } } }), path: 'network.subnets.nodePrefix', rule: 'gives 11 usable addresses, fewer than the 17 that the node pools need at peak', fix: 'use /27 or wider' },
  { source: 'capacity.ts', title: 'GKE pod range too small', spec: gcp({ network: { podCidr: '100.64.0.0/24' } }), path: 'network.podCidr', rule: 'holds 256 addresses, fewer than the 2304 that max nodes (plus surge) × the per-node pod block need', fix: 'use a /20 or wider range (now /24), or lower nodePools max or maxPods' },
  { source: 'capacity.ts', title: 'Calico VXLAN pod range too small on aws', spec: aws({ cni: { kind: 'calico', mode: 'vxlan' }, network: { podCidr: '100.64.0.0/24' } }), path: 'network.podCidr', rule: 'holds 256 addresses, fewer than the 1152', fix: 'use a /21 or wider range (now /24)' },
  { source: 'capacity.ts', title: 'AKS pod range too small', spec: azure({ network: { podCidr: '100.64.0.0/24' } }), path: 'network.podCidr', rule: 'holds 256 addresses, fewer than the', fix: 'or wider range (now /24)' },
  // Every AKS overlay node takes a /24 of the pod range, the system pool's too (the node
  // subnet check already counts them: azure.systemPool.max plus one surge node per zone).
  { source: 'capacity.ts', title: 'AKS pod range too small once the system pool is counted', spec: azure({ network: { podCidr: '100.64.0.0/20' }, nodePools: [{ name: 'general', max: 13 }] }), path: 'network.podCidr', rule: 'holds 4096 addresses, fewer than the 6144', fix: 'use a /19 or wider range (now /20)' },
];

// ---------------------------------------------------------------------------------------------
// rules/cni.ts
// ---------------------------------------------------------------------------------------------
const cniRows: Row[] = [
  { source: 'cni.ts', title: 'kube-proxy replacement with the EKS VPC CNI', spec: aws({ cni: { kubeProxyReplacement: true } }), path: 'cni.kubeProxyReplacement', rule: 'is not available with cloud mode vpc-cni on aws: the EKS VPC CNI relies on kube-proxy', fix: 'remove cni.kubeProxyReplacement', value: true },
  { source: 'cni.ts', title: 'kube-proxy replacement with self-installed Cilium on AKS', spec: azure({ cni: { kind: 'cilium', mode: 'overlay', kubeProxyReplacement: true } }), path: 'cni.kubeProxyReplacement', rule: 'is not available with cilium mode overlay on azure: the azurerm provider cannot disable kube-proxy on AKS', fix: 'remove cni.kubeProxyReplacement' },
  { source: 'cni.ts', title: 'WireGuard with the EKS VPC CNI', spec: aws({ cni: { encryption: 'wireguard' } }), path: 'cni.encryption', rule: 'is not available with cloud mode vpc-cni on aws: the EKS VPC CNI has no transparent encryption', fix: 'remove cni.encryption', value: 'wireguard' },
  { source: 'cni.ts', title: 'Hubble with GKE Calico', spec: gcp({ cni: { kind: 'calico', hubble: true } }), path: 'cni.hubble', rule: 'is not available with calico mode policy-only on gcp', fix: 'remove cni.hubble' },
  { source: 'cni.ts', title: 'Hubble with Calico vxlan on azure', spec: azure({ cni: { kind: 'calico', mode: 'vxlan', hubble: true } }), path: 'cni.hubble', rule: 'is not available with calico mode vxlan on azure: Hubble comes with Cilium; Calico has its own flow logs', fix: 'remove cni.hubble' },
  { source: 'cni.ts', title: 'kube-proxy kept with GKE Dataplane V2', spec: gcp({ cni: { kubeProxyReplacement: false } }), path: 'cni.kubeProxyReplacement', rule: 'cannot be turned off with cloud mode dataplane-v2 on gcp: GKE Dataplane V2 always replaces kube-proxy', fix: 'remove cni.kubeProxyReplacement; kube-proxy replacement is part of the mode', value: false },
  { source: 'cni.ts', title: 'kube-proxy kept with Azure CNI powered by Cilium', spec: azure({ cni: { kind: 'cilium', kubeProxyReplacement: false } }), path: 'cni.kubeProxyReplacement', rule: 'cannot be turned off with cilium mode azure-cilium on azure', fix: 'kube-proxy replacement is part of the mode' },
];

// ---------------------------------------------------------------------------------------------
// resolve.ts: the CNI support matrix refusals
// ---------------------------------------------------------------------------------------------
const cniMatrixRows: Row[] = [
  { source: 'resolve.ts', title: 'Cilium dataplane-v2 written on aws', spec: aws({ cni: { kind: 'cilium', mode: 'dataplane-v2' } }), path: 'cni.mode', rule: 'is refused for cilium on aws: Dataplane V2 is GKE-only', fix: 'choose mode eni (Cilium replacing the VPC CNI) or chaining', value: 'dataplane-v2' },
  { source: 'resolve.ts', title: 'Cilium eni written on gcp', spec: gcp({ cni: { kind: 'cilium', mode: 'eni' } }), path: 'cni.mode', rule: 'is refused for cilium on gcp: Google does not support self-installed Cilium on GKE', fix: 'choose mode dataplane-v2' },
  { source: 'resolve.ts', title: 'Cilium chaining written on azure', spec: azure({ cni: { kind: 'cilium', mode: 'chaining' } }), path: 'cni.mode', rule: 'is refused for cilium on azure', fix: 'choose mode azure-cilium (managed) or overlay' },
  { source: 'resolve.ts', title: 'Calico vxlan written on gcp', spec: gcp({ cni: { kind: 'calico', mode: 'vxlan' } }), path: 'cni.mode', rule: 'is refused for calico on gcp: GKE does not allow replacing its CNI', fix: "choose mode policy-only (GKE's managed Calico network policy)" },
  { source: 'resolve.ts', title: 'Flannel vxlan written on gcp', spec: gcp({ cni: { kind: 'flannel', mode: 'vxlan' } }), path: 'cni.mode', rule: 'is refused for flannel on gcp: GKE does not allow replacing its CNI', fix: 'choose cni.kind cloud (Dataplane V2) or calico with mode policy-only' },
  { source: 'resolve.ts', title: 'vpc-cni written on gcp', spec: gcp({ cni: { mode: 'vpc-cni' } }), path: 'cni.mode', rule: 'is refused for cloud on gcp: the VPC CNI is the cloud networking of EKS', fix: 'choose mode dataplane-v2, or leave cni.mode unset' },
  { source: 'resolve.ts', title: 'azure-cilium written on aws', spec: aws({ cni: { mode: 'azure-cilium' } }), path: 'cni.mode', rule: 'is refused for cloud on aws: Azure CNI powered by Cilium is the cloud networking of AKS', fix: 'choose mode vpc-cni, or leave cni.mode unset' },
  { source: 'resolve.ts', title: 'unknown Cilium mode', spec: aws({ cni: { kind: 'cilium', mode: 'ebpf' } }), path: 'cni.mode', rule: 'is not a cilium mode', fix: 'choose one of eni, chaining, overlay', value: 'ebpf' },
  { source: 'resolve.ts', title: 'unknown Calico mode on azure', spec: azure({ cni: { kind: 'calico', mode: 'bgp' } }), path: 'cni.mode', rule: 'is not a calico mode', fix: 'choose one of policy-only, vxlan' },
  { source: 'resolve.ts', title: 'Flannel vxlan written on aws', spec: aws({ cni: { kind: 'flannel', mode: 'vxlan' } }), path: 'cni.mode', rule: "is refused for flannel on aws: Flannel needs node.spec.podCIDR for every node, and the only maintained allocator, kubernetes-sigs/node-ipam-controller, has no released image or chart on registry.k8s.io (staging builds only); EKS never allocates node pod CIDRs, and Flannel is not on AWS's list of supported alternate CNIs", fix: 'choose cni.kind calico with mode vxlan (Calico IPAM needs no node pod CIDR) or cilium with mode overlay (cluster-pool IPAM)' },
  { source: 'resolve.ts', title: 'Flannel on azure (default mode refused)', spec: azure({ cni: { kind: 'flannel' } }), path: 'cni.kind', value: 'flannel', rule: 'cannot run on azure: Flannel needs node.spec.podCIDR for every node, and the only maintained allocator, kubernetes-sigs/node-ipam-controller, has no released image or chart on registry.k8s.io (staging builds only); AKS sets no node pod CIDR with network_plugin none (the azurerm provider drops pod_cidr there, azurerm issue 20573)', fix: 'choose cni.kind calico with mode vxlan (Calico IPAM needs no node pod CIDR) or cilium with mode overlay (cluster-pool IPAM)' },
  { source: 'resolve.ts', title: 'unknown mode of a kind with no mode on the cloud', spec: gcp({ cni: { kind: 'flannel', mode: 'host-gw' } }), path: 'cni.mode', rule: 'is not a flannel mode', fix: 'choose another cni.kind' },
  { source: 'resolve.ts', title: 'Flannel on gcp (default mode refused)', spec: gcp({ cni: { kind: 'flannel' } }), path: 'cni.kind', rule: "cannot run on gcp: GKE does not allow replacing its CNI, and Flannel can only run as the cluster's CNI", fix: 'choose cni.kind cloud (Dataplane V2) or calico with mode policy-only', value: 'flannel' },
];

// ---------------------------------------------------------------------------------------------
// rules/access.ts
// ---------------------------------------------------------------------------------------------
const cidrsDeployer = (cidrs: string[]): ClusterSpec['access'] => ({ deployer: { network: { from: 'cidrs', cidrs } } });
const accessRows: Row[] = [
  { source: 'access.ts', title: 'empty deployer privateCidrs', spec: aws({ access: { deployer: { network: { from: 'network', privateCidrs: [] } } } }), path: 'access.deployer.network.privateCidrs', rule: 'is empty, so no runner could reach the private endpoint', fix: 'leave privateCidrs out to admit the VPC range', value: [] },
  { source: 'access.ts', title: 'deployer privateCidrs not a CIDR', spec: gcp({ access: { deployer: { network: { from: 'network', privateCidrs: ['10.50.0.0'] } } } }), path: 'access.deployer.network.privateCidrs[0]', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR of the runner subnet' },
  { source: 'access.ts', title: 'deployer privateCidrs public', spec: aws({ access: { deployer: { network: { from: 'network', privateCidrs: ['10.50.0.0/24', '52.94.76.0/24'] } } } }), path: 'access.deployer.network.privateCidrs[1]', rule: 'is not a private range; the private endpoint is reached from inside the network', fix: "use { from: 'cidrs' } for public addresses", value: '52.94.76.0/24' },
  { source: 'access.ts', title: 'aws admin that is not an ARN', spec: aws({ access: { admins: ['platform-admins'] } }), path: 'access.admins[0]', rule: 'is not an IAM role or user ARN', fix: 'use e.g. arn:aws:iam::123456789012:role/platform-admins' },
  { source: 'access.ts', title: 'aws admin ARN with a short account id', spec: aws({ access: { admins: ['arn:aws:iam::1234:role/admins'] } }), path: 'access.admins[0]', rule: 'is not an IAM role or user ARN', fix: 'use e.g. arn:aws:iam::' },
  { source: 'access.ts', title: 'gcp admin without a member prefix', spec: gcp({ access: { admins: ['platform@example.com'] } }), path: 'access.admins[0]', rule: 'is not an IAM member (user:, group: or serviceAccount: followed by an e-mail)', fix: 'use e.g. group:platform@example.com' },
  { source: 'access.ts', title: 'azure admin that is not a GUID', spec: azure({ access: { admins: [GUID_1, 'platform-admins'] } }), path: 'access.admins[1]', rule: 'is not an Entra object id (a GUID)', fix: 'use e.g. 00000000-0000-0000-0000-000000000000' },
  { source: 'access.ts', title: 'admin listed twice', spec: aws({ access: { admins: [ROLE_ARN, ROLE_ARN] } }), path: 'access.admins[1]', rule: 'is listed twice', fix: 'list each admin once' },
  { source: 'access.ts', title: 'aws deployer principal that is an IAM group', spec: aws({ access: { deployer: { principal: 'arn:aws:iam::123456789012:group/ci' } } }), path: 'access.deployer.principal', rule: 'is not an IAM role or user ARN', fix: 'use e.g. arn:aws:iam::123456789012:role/platform-admins' },
  { source: 'access.ts', title: 'gcp deployer principal without serviceAccount:', spec: gcp({ access: { deployer: { principal: 'ci@acme-platform.iam.gserviceaccount.com' } } }), path: 'access.deployer.principal', rule: 'is not an IAM member', fix: 'use e.g. group:platform@example.com' },
  { source: 'access.ts', title: 'azure deployer principal that is a name', spec: azure({ access: { deployer: { principal: 'ci-runner' } } }), path: 'access.deployer.principal', rule: 'is not an Entra object id (a GUID)', fix: 'use e.g. 00000000-' },
  { source: 'access.ts', title: 'deployer CIDR list empty', spec: aws({ access: cidrsDeployer([]) }), path: 'access.deployer.network.cidrs', rule: 'is empty, so nothing could reach the public endpoint', fix: "list the deployer's public CIDRs, or use { from: 'network' }", value: [] },
  { source: 'access.ts', title: 'more than 40 deployer CIDRs on aws', spec: aws({ access: cidrsDeployer(publicCidrs(41)) }), path: 'access.deployer.network.cidrs', rule: 'lists more than the 40 CIDRs aws accepts on the API endpoint', fix: 'merge ranges, or deploy from inside the network', value: 41 },
  { source: 'access.ts', title: 'more than 50 deployer CIDRs on gcp', spec: gcp({ access: cidrsDeployer(publicCidrs(51)) }), path: 'access.deployer.network.cidrs', rule: 'lists more than the 50 CIDRs gcp accepts', fix: 'merge ranges' },
  { source: 'access.ts', title: 'more than 200 deployer CIDRs on azure', spec: azure({ access: cidrsDeployer(publicCidrs(201)) }), path: 'access.deployer.network.cidrs', rule: 'lists more than the 200 CIDRs azure accepts', fix: 'merge ranges' },
  { source: 'access.ts', title: 'deployer CIDR that is not a CIDR', spec: aws({ access: cidrsDeployer(['office']) }), path: 'access.deployer.network.cidrs[0]', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR' },
  { source: 'access.ts', title: 'deployer CIDR with host bits', spec: gcp({ access: cidrsDeployer(['8.8.8.8/24']) }), path: 'access.deployer.network.cidrs[0]', rule: 'has host bits set (the range starts at 8.8.8.0/24)', fix: 'write an IPv4 CIDR' },
  { source: 'access.ts', title: 'deployer CIDR 0.0.0.0/0', spec: aws({ access: cidrsDeployer(['0.0.0.0/0']) }), path: 'access.deployer.network.cidrs[0]', rule: 'would open the API endpoint to the whole internet', fix: "list the deployer's own public addresses, or use { from: 'network' }" },
  { source: 'access.ts', title: 'deployer CIDR wider than /8', spec: azure({ access: cidrsDeployer(['8.0.0.0/7']) }), path: 'access.deployer.network.cidrs[0]', rule: 'opens the API endpoint to a large part of the internet', fix: 'a /8 at the widest' },
  { source: 'access.ts', title: 'deployer CIDR in a private range', spec: aws({ access: cidrsDeployer(['8.8.8.0/24', '10.1.0.0/16']) }), path: 'access.deployer.network.cidrs[1]', rule: 'is not a public range; the public endpoint only sees public addresses', fix: "deployers inside the network use { from: 'network' } (private endpoint)" },
  { source: 'access.ts', title: 'deployer CIDR in the shared address space', spec: gcp({ access: cidrsDeployer(['100.64.0.0/16']) }), path: 'access.deployer.network.cidrs[0]', rule: 'is not a public range', fix: "use { from: 'network' }" },
];

// ---------------------------------------------------------------------------------------------
// rules/node-pools.ts
// ---------------------------------------------------------------------------------------------
const nodePoolRows: Row[] = [
  { source: 'node-pools.ts', title: 'no pool', spec: aws({ nodePools: [] }), path: 'nodePools', rule: 'has no pool, so no workload could run', fix: 'add a pool, or leave nodePools out for the default one', value: [] },
  { source: 'node-pools.ts', title: 'aws pool name with a dot', spec: aws({ nodePools: [{ name: 'general.v2' }] }), path: 'nodePools[0].name', rule: 'is not a valid pool name (EKS node group names are 1-63', fix: 'rename the pool' },
  { source: 'node-pools.ts', title: 'gcp pool name with uppercase', spec: gcp({ nodePools: [{ name: 'General' }] }), path: 'nodePools[0].name', rule: 'is not a valid pool name (GKE node pool names', fix: 'rename the pool' },
  { source: 'node-pools.ts', title: 'azure pool name with -', spec: azure({ nodePools: [{ name: 'gen-1' }] }), path: 'nodePools[0].name', rule: 'is not a valid pool name (AKS node pool names match ^[a-z][a-z0-9]{0,11}$)', fix: 'rename the pool' },
  { source: 'node-pools.ts', title: 'azure pool name longer than 12', spec: azure({ nodePools: [{ name: 'generalpurpose' }] }), path: 'nodePools[0].name', rule: 'is not a valid pool name (AKS', fix: 'rename the pool' },
  { source: 'node-pools.ts', title: 'azure pool named system', spec: azure({ nodePools: [{ name: 'system' }] }), path: 'nodePools[0].name', rule: 'is the name of the AKS system pool', fix: 'configure the system pool under azure.systemPool' },
  { source: 'node-pools.ts', title: 'two pools with one name', spec: gcp({ nodePools: [{ name: 'general' }, { name: 'general' }] }), path: 'nodePools[1].name', rule: 'is used by another pool', fix: 'give every pool its own name' },
  { source: 'node-pools.ts', title: 'aws machine type of azure', spec: aws({ nodePools: [{ name: 'general', machineType: 'Standard_D4ds_v5' }] }), path: 'nodePools[0].machineType', rule: 'is not an AWS machine type', fix: 'use an AWS type such as m7i.large' },
  { source: 'node-pools.ts', title: 'gcp machine type of aws', spec: gcp({ nodePools: [{ name: 'general', machineType: 'm7i.large' }] }), path: 'nodePools[0].machineType', rule: 'is not a GCP machine type', fix: 'use a GCP type such as n2-standard-4' },
  { source: 'node-pools.ts', title: 'azure machine type of gcp', spec: azure({ nodePools: [{ name: 'general', machineType: 'n2-standard-4' }] }), path: 'nodePools[0].machineType', rule: 'is not an Azure machine type', fix: 'use an Azure type such as Standard_D4ds_v5' },
  { source: 'node-pools.ts', title: 'max 0', spec: aws({ nodePools: [{ name: 'general', min: 0, max: 0 }] }), path: 'nodePools[0].max', rule: 'allows no node', fix: 'set max to 1 or more', value: 0 },
  { source: 'node-pools.ts', title: 'min above max', spec: gcp({ nodePools: [{ name: 'general', min: 5, max: 4 }] }), path: 'nodePools[0].min', rule: 'is above max 4', fix: 'make min <= max' },
  { source: 'node-pools.ts', title: 'desired above max', spec: azure({ nodePools: [{ name: 'general', desired: 7 }] }), path: 'nodePools[0].desired', rule: 'is outside min 3 to max 6', fix: 'choose desired between min and max, or leave it out' },
  { source: 'node-pools.ts', title: 'desired below min', spec: aws({ nodePools: [{ name: 'general', min: 2, desired: 1 }] }), path: 'nodePools[0].desired', rule: 'is outside min 2 to max 6', fix: 'choose desired between min and max' },
  { source: 'node-pools.ts', title: 'aws maxPods above 250', spec: aws({ nodePools: [{ name: 'general', maxPods: 251 }] }), path: 'nodePools[0].maxPods', rule: 'is outside 1 to 250, the range aws accepts', fix: 'choose 1 to 250' },
  { source: 'node-pools.ts', title: 'gcp maxPods below 8', spec: gcp({ nodePools: [{ name: 'general', maxPods: 7 }] }), path: 'nodePools[0].maxPods', rule: 'is outside 8 to 256, the range gcp accepts', fix: 'choose 8 to 256' },
  { source: 'node-pools.ts', title: 'gcp maxPods above 256', spec: gcp({ nodePools: [{ name: 'general', maxPods: 257 }] }), path: 'nodePools[0].maxPods', rule: 'is outside 8 to 256', fix: 'choose 8 to 256' },
  { source: 'node-pools.ts', title: 'azure maxPods below 10', spec: azure({ nodePools: [{ name: 'general', maxPods: 9 }] }), path: 'nodePools[0].maxPods', rule: 'is outside 10 to 250, the range azure accepts', fix: 'choose 10 to 250' },
  { source: 'node-pools.ts', title: 'azure maxPods above 250', spec: azure({ nodePools: [{ name: 'general', maxPods: 251 }] }), path: 'nodePools[0].maxPods', rule: 'is outside 10 to 250', fix: 'choose 10 to 250' },
  { source: 'node-pools.ts', title: 'aws disk below 20 GiB', spec: aws({ nodePools: [{ name: 'general', diskSizeGiB: 19 }] }), path: 'nodePools[0].diskSizeGiB', rule: 'is below the 20 GiB that aws node images need', fix: 'use 20 GiB or more' },
  { source: 'node-pools.ts', title: 'gcp disk below 10 GiB', spec: gcp({ nodePools: [{ name: 'general', diskSizeGiB: 9 }] }), path: 'nodePools[0].diskSizeGiB', rule: 'is below the 10 GiB that gcp node images need', fix: 'use 10 GiB or more' },
  { source: 'node-pools.ts', title: 'azure disk below 30 GiB', spec: azure({ nodePools: [{ name: 'general', diskSizeGiB: 29 }] }), path: 'nodePools[0].diskSizeGiB', rule: 'is below the 30 GiB that azure node images need', fix: 'use 30 GiB or more' },
  { source: 'node-pools.ts', title: 'node label key with a space', spec: aws({ nodePools: [{ name: 'general', labels: { 'team name': 'a' } }] }), path: 'nodePools[0].labels.team name', rule: 'is not a valid label name', fix: 'use a valid label key such as team or example.com/team' },
  { source: 'node-pools.ts', title: 'node label key with a bad prefix', spec: gcp({ nodePools: [{ name: 'general', labels: { 'Example.com/team': 'a' } }] }), path: 'nodePools[0].labels.Example.com/team', rule: 'has a prefix that is not a DNS subdomain', fix: 'use a valid label key' },
  { source: 'node-pools.ts', title: 'node label in the kubernetes.io domain', spec: aws({ nodePools: [{ name: 'general', labels: { 'kubernetes.io/role': 'worker' } }] }), path: 'nodePools[0].labels.kubernetes.io/role', rule: 'uses a kubernetes.io or k8s.io domain that nodes may not set on themselves (NodeRestriction)', fix: 'use node.kubernetes.io/, node-restriction.kubernetes.io/ or your own domain' },
  { source: 'node-pools.ts', title: 'node label in a k8s.io subdomain', spec: azure({ nodePools: [{ name: 'general', labels: { 'topology.k8s.io/rack': 'r1' } }] }), path: 'nodePools[0].labels.topology.k8s.io/rack', rule: 'uses a kubernetes.io or k8s.io domain', fix: 'use node.kubernetes.io/' },
  { source: 'node-pools.ts', title: 'node label value with a space', spec: gcp({ nodePools: [{ name: 'general', labels: { team: 'platform team' } }] }), path: 'nodePools[0].labels.team', rule: 'is not a valid label value', fix: 'use at most 63 alphanumerics, -, _ and ., starting and ending alphanumeric', value: 'platform team' },
  { source: 'node-pools.ts', title: 'taint key with a space', spec: aws({ nodePools: [{ name: 'general', taints: [{ key: 'dedicated to', effect: 'NoSchedule' }] }] }), path: 'nodePools[0].taints[0].key', rule: 'is not a valid label name', fix: 'use a valid taint key such as dedicated' },
  { source: 'node-pools.ts', title: 'taint value ending with -', spec: azure({ nodePools: [{ name: 'general', taints: [{ key: 'dedicated', value: 'gpu-', effect: 'NoExecute' }] }] }), path: 'nodePools[0].taints[0].value', rule: 'is not a valid taint value', fix: 'use at most 63 alphanumerics, -, _ and .' },
];

// ---------------------------------------------------------------------------------------------
// rules/addons.ts
// ---------------------------------------------------------------------------------------------
const acme = (change: Partial<NonNullable<NonNullable<ClusterSpec['certManager']>['acme']>>) => ({
  email: 'ops@example.com',
  dnsZones: ['example.com'],
  ...change,
});
const addonRows: Row[] = [
  { source: 'addons.ts', title: 'egress none without the autoscaler registry mirror', spec: aws({ egress: { nat: 'none' } }), path: 'egress.registryMirrors', rule: 'has no mirror for registry.k8s.io, which the cluster-autoscaler chart pulls from; with egress.nat none nodes cannot reach it', fix: 'add "registry.k8s.io": "<account>.dkr.ecr.<region>.amazonaws.com/<prefix>" (an ECR pull-through cache rule for registry.k8s.io) or your own mirror', value: {} },
  { source: 'addons.ts', title: 'egress none with Cilium but no quay.io mirror', spec: aws({ cni: { kind: 'cilium' }, egress: { nat: 'none', registryMirrors: { 'registry.k8s.io': 'mirror.example.com/k8s' } } }), path: 'egress.registryMirrors', rule: 'has no mirror for quay.io, which the cilium chart pulls from', fix: 'an ECR pull-through cache rule for quay.io' },
  { source: 'addons.ts', title: 'egress none without a mirror for the load balancer controller', spec: aws({ egress: { nat: 'none', registryMirrors: { 'registry.k8s.io': 'mirror.example.com/k8s' } } }), path: 'egress.registryMirrors', rule: 'has no mirror for public.ecr.aws, which the aws-load-balancer-controller chart pulls from', fix: 'an ECR pull-through cache rule for public.ecr.aws' },
  { source: 'addons.ts', title: 'egress none with Traefik but no docker.io mirror', spec: aws({ ingress: { controller: 'traefik' }, egress: { nat: 'none', registryMirrors: { 'registry.k8s.io': 'mirror.example.com/k8s', 'public.ecr.aws': 'mirror.example.com/ecr' } } }), path: 'egress.registryMirrors', rule: 'has no mirror for docker.io, which the traefik chart pulls from', fix: 'an ECR pull-through cache rule for docker.io' },
  { source: 'addons.ts', title: 'registry mirror keyed by a URL', spec: gcp({ egress: { registryMirrors: { 'https://quay.io': 'mirror.example.com/quay' } } }), path: 'egress.registryMirrors["https://quay.io"]', rule: 'is not a registry host name', fix: 'key the mirror by the upstream registry host', value: 'https://quay.io' },
  { source: 'addons.ts', title: 'registry mirror with a scheme', spec: gcp({ egress: { registryMirrors: { 'quay.io': 'https://mirror.example.com/quay' } } }), path: 'egress.registryMirrors["quay.io"]', rule: 'is not a registry host with an optional path, in lowercase and without a scheme', fix: 'write it as an image reference prefix', value: 'https://mirror.example.com/quay' },
  { source: 'addons.ts', title: 'egress none on azure', spec: azure({ egress: { nat: 'none' } }), path: 'egress.nat', rule: 'is not offered on AKS: a network-isolated AKS cluster needs a private registry cache', fix: 'use single or per-zone', value: 'none' },
  { source: 'addons.ts', title: 'ExternalDNS with egress none on aws', spec: aws({ egress: { nat: 'none' }, ingress: { externalDnsZones: ['corp.example.com'] } }), path: 'ingress.externalDnsZones', rule: 'needs the Route 53 API, which ExternalDNS reaches over the internet and a VPC with egress.nat none cannot', fix: 'remove the zones, or use egress.nat single or per-zone' },
  { source: 'addons.ts', title: 'internet-facing with egress none on aws', spec: aws({ egress: { nat: 'none' }, ingress: { exposure: 'internet-facing' } }), path: 'ingress.exposure', rule: 'needs public subnets and an internet gateway, which a VPC with egress.nat none does not have', fix: 'use exposure internal, or egress.nat single or per-zone' },
  { source: 'addons.ts', title: 'the cloud controller on AKS', spec: azure({ ingress: { controller: 'cloud' } }), path: 'ingress.controller', rule: 'has no supported choice on AKS: Azure support for the NGINX application routing add-on ends in November 2026', fix: 'use traefik (the AKS default) or nginx', value: 'cloud' },
  { source: 'addons.ts', title: 'ExternalDNS zone listed twice', spec: aws({ ingress: { externalDnsZones: ['apps.example.com', 'apps.example.com.'] } }), path: 'ingress.externalDnsZones[1]', rule: 'is listed twice', fix: 'list each zone once', value: 'apps.example.com' },
  { source: 'addons.ts', title: 'ExternalDNS zone that is a URL', spec: gcp({ ingress: { externalDnsZones: ['https://apps.example.com'] } }), path: 'ingress.externalDnsZones[0]', rule: 'is not a DNS zone name', fix: 'use the zone name, e.g. apps.example.com' },
  { source: 'addons.ts', title: 'ACME with cert-manager disabled', spec: aws({ certManager: { enabled: false, acme: acme({}) } }), path: 'certManager.acme', rule: 'needs cert-manager, which certManager.enabled turns off', fix: 'remove certManager.acme, or enable cert-manager' },
  { source: 'addons.ts', title: 'ACME e-mail without a domain', spec: azure({ certManager: { acme: acme({ email: 'ops' }) } }), path: 'certManager.acme.email', rule: 'is not an e-mail address', fix: "use the address Let's Encrypt should write to" },
  { source: 'addons.ts', title: 'DNS01 without zones', spec: gcp({ certManager: { acme: { email: 'ops@example.com' } } }), path: 'certManager.acme.dnsZones', rule: 'is empty, but DNS01 needs the zones cert-manager may write to', fix: 'list the DNS zones, or use solver http01', value: [] },
  { source: 'addons.ts', title: 'ACME DNS zone with a wildcard', spec: aws({ certManager: { acme: acme({ dnsZones: ['*.example.com'] }) } }), path: 'certManager.acme.dnsZones[0]', rule: 'is not a DNS zone name', fix: 'use the zone name, e.g. example.com' },
  { source: 'addons.ts', title: 'ACME DNS zone listed twice', spec: gcp({ certManager: { acme: acme({ dnsZones: ['example.com', 'example.com'] }) } }), path: 'certManager.acme.dnsZones[1]', rule: 'is listed twice', fix: 'list each zone once', value: 'example.com' },
  { source: 'addons.ts', title: 'HTTP01 with DNS zones', spec: aws({ ingress: { controller: 'traefik', exposure: 'internet-facing' }, certManager: { acme: acme({ solver: 'http01' }) } }), path: 'certManager.acme.dnsZones', rule: 'names DNS zones, but solver http01 writes no DNS records', fix: 'remove certManager.acme.dnsZones, or use solver dns01', value: ['example.com'] },
  { source: 'addons.ts', title: 'HTTP01 through the alb class', spec: aws({ ingress: { exposure: 'internet-facing' }, certManager: { acme: { email: 'ops@example.com', solver: 'http01' } } }), path: 'certManager.acme.solver', rule: 'would go through the alb IngressClass, where every Ingress gets its own ALB', fix: 'use solver dns01, or ingress.controller traefik or nginx', value: 'http01' },
  { source: 'addons.ts', title: 'ACME with egress none on aws', spec: aws({ egress: { nat: 'none', registryMirrors: MIRRORS }, certManager: { acme: acme({}) } }), path: 'certManager.acme', rule: "needs Let's Encrypt and the cloud's DNS API on the internet, which a cluster with egress.nat none cannot reach", fix: 'remove certManager.acme (the internal CA issuer needs no egress), or use egress.nat single or per-zone' },
  { source: 'addons.ts', title: 'egress none with cert-manager but no quay.io mirror', spec: gcp({ egress: { nat: 'none', registryMirrors: { 'registry.k8s.io': 'mirror.example.com/k8s' } } }), path: 'egress.registryMirrors', rule: 'has no mirror for quay.io, which the cert-manager chart pulls from', fix: 'an ECR pull-through cache rule for quay.io' },
  { source: 'addons.ts', title: 'HTTP01 behind an internal ingress', spec: aws({ ingress: { controller: 'traefik' }, certManager: { acme: acme({ solver: 'http01' }) } }), path: 'certManager.acme.solver', rule: "needs Let's Encrypt to reach the ingress from the internet, but ingress.exposure is internal", fix: 'use solver dns01, or set ingress.exposure internet-facing' },
];

// ---------------------------------------------------------------------------------------------
// rules/namespaces.ts
// ---------------------------------------------------------------------------------------------
const namespaceRows: Row[] = [
  { source: 'namespaces.ts', title: 'namespace name with uppercase', spec: aws({ namespaces: [{ name: 'Payments' }] }), path: 'namespaces[0].name', rule: 'is not a valid namespace name (a DNS label', fix: 'rename it, e.g. payments' },
  { source: 'namespaces.ts', title: 'reserved namespace kube-system', spec: aws({ namespaces: [{ name: 'kube-system' }] }), path: 'namespaces[0].name', rule: 'is owned by Kubernetes or a polycluster add-on', fix: 'manage your own namespaces only' },
  { source: 'namespaces.ts', title: 'reserved namespace default', spec: gcp({ namespaces: [{ name: 'default' }] }), path: 'namespaces[0].name', rule: 'is owned by Kubernetes or a polycluster add-on', fix: 'add-on namespaces get their policies from the add-on' },
  { source: 'namespaces.ts', title: 'reserved namespace cert-manager', spec: azure({ namespaces: [{ name: 'cert-manager' }] }), path: 'namespaces[0].name', rule: 'is owned by Kubernetes or a polycluster add-on', fix: 'manage your own namespaces only' },
  { source: 'namespaces.ts', title: 'reserved kube- prefix', spec: aws({ namespaces: [{ name: 'kube-tools' }] }), path: 'namespaces[0].name', rule: 'is owned by Kubernetes', fix: 'manage your own namespaces only' },
  { source: 'namespaces.ts', title: 'namespace declared twice', spec: aws({ namespaces: [{ name: 'payments' }, { name: 'payments' }] }), path: 'namespaces[1].name', rule: 'is declared twice', fix: 'declare each namespace once' },
  { source: 'namespaces.ts', title: 'namespace label key with a space', spec: gcp({ namespaces: [{ name: 'payments', labels: { 'cost center': 'x' } }] }), path: 'namespaces[0].labels.cost center', rule: 'is not a valid label name', fix: 'use a valid label key' },
  { source: 'namespaces.ts', title: 'namespace label value too long', spec: aws({ namespaces: [{ name: 'payments', labels: { team: 'x'.repeat(64) } }] }), path: 'namespaces[0].labels.team', rule: 'is not a valid label value', fix: 'use at most 63 alphanumerics' },
  { source: 'namespaces.ts', title: 'allowance to an empty app', spec: aws({ namespaces: [{ name: 'payments', allow: [allowance({}, '')] }] }), path: 'namespaces[0].allow[0].to.app', rule: "is not an app name polycluster can use: a DNS label (lowercase alphanumerics and -, at most 63), as it names the app's policy", fix: "use the value of the pods' app.kubernetes.io/name label, in lowercase", value: '' },
  { source: 'namespaces.ts', title: 'allowance to an app with uppercase', spec: gcp({ namespaces: [{ name: 'payments', allow: [allowance({}, 'Payments')] }] }), path: 'namespaces[0].allow[0].to.app', rule: 'is not an app name polycluster can use', fix: 'in lowercase', value: 'Payments' },
  { source: 'namespaces.ts', title: 'allowance from an invalid app', spec: azure({ namespaces: [{ name: 'payments', allow: [allowance({ app: 'check out' })] }] }), path: 'namespaces[0].allow[0].from.app', rule: 'is not an app name polycluster can use: a DNS label', fix: 'app.kubernetes.io/name' },
  { source: 'namespaces.ts', title: 'allowance from a bad CIDR', spec: aws({ namespaces: [{ name: 'payments', allow: [allowance({ cidr: '203.0.113.0/33' })] }] }), path: 'namespaces[0].allow[0].from.cidr', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR such as 203.0.113.0/24' },
  { source: 'namespaces.ts', title: 'allowance from a CIDR and pods at once', spec: gcp({ namespaces: [{ name: 'payments', allow: [allowance({ cidr: '203.0.113.0/24', app: 'checkout' })] }] }), path: 'namespaces[0].allow[0].from', rule: 'names both addresses (cidr) and pods (namespace/app)', fix: 'split it into two allowances: one from the cidr, one from the pods' },
  { source: 'namespaces.ts', title: 'a polycluster.io label in the spec', spec: aws({ namespaces: [{ name: 'payments', labels: { 'polycluster.io/exposed': 'true' } }] }), path: 'namespaces[0].labels.polycluster.io/exposed', rule: 'is a label polycluster sets itself', fix: 'set `exposed` to open a namespace to the ingress controller', value: 'polycluster.io/exposed' },
  { source: 'namespaces.ts', title: 'egress allowances without the baseline', spec: azure({ namespaces: [{ name: 'reports', baseline: false, egress: [{ cidr: '203.0.113.0/24', ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress', rule: "needs the baseline: an egress allowance isolates the pods' egress, and without the baseline nothing would allow their DNS", fix: 'remove baseline: false, or remove the egress allowances' },
  { source: 'namespaces.ts', title: 'egress to the metadata address itself', spec: aws({ namespaces: [{ name: 'payments', egress: [{ cidr: '169.254.169.254/32', ports: [{ port: 80 }] }] }] }), path: 'namespaces[0].egress[0].cidr', rule: 'is the metadata address, which denyMetadata keeps closed', fix: 'remove the allowance, or set denyMetadata: false to open the metadata server' },
  { source: 'namespaces.ts', title: "egress to the GKE metadata server's address", spec: gcp({ namespaces: [{ name: 'payments', denyMetadata: true, egress: [{ cidr: '169.254.169.252/32', ports: [{ port: 988 }] }] }] }), path: 'namespaces[0].egress[0].cidr', rule: 'is the metadata address', fix: 'set denyMetadata: false' },
  { source: 'namespaces.ts', title: 'egress with neither cidr nor fqdns', spec: aws({ namespaces: [{ name: 'payments', egress: [{ ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0]', rule: 'needs exactly one destination: cidr or fqdns', fix: 'one per allowance' },
  { source: 'namespaces.ts', title: 'egress with both cidr and fqdns', spec: aws({ cni: { kind: 'cilium' }, namespaces: [{ name: 'payments', egress: [{ cidr: '203.0.113.0/24', fqdns: ['api.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0]', rule: 'needs exactly one destination: cidr or fqdns', fix: 'write either cidr: "203.0.113.0/24" or fqdns: ["api.example.com"]' },
  { source: 'namespaces.ts', title: 'egress to an empty list of names', spec: aws({ cni: { kind: 'cilium' }, namespaces: [{ name: 'payments', egress: [{ fqdns: [], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns', rule: 'is empty, so the allowance would allow nothing', fix: 'list the DNS names, e.g. ["api.stripe.com"]', value: [] },
  { source: 'namespaces.ts', title: 'egress to a URL instead of a name', spec: azure({ cni: { kind: 'cilium', mode: 'overlay' }, namespaces: [{ name: 'payments', egress: [{ fqdns: ['https://api.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns[0]', rule: 'is not a lowercase DNS name (optionally starting with *. for one level of subdomains)', fix: 'write a name such as api.stripe.com or *.stripe.com' },
  { source: 'namespaces.ts', title: 'egress to a multi-level wildcard', spec: aws({ cni: { kind: 'cilium' }, namespaces: [{ name: 'payments', egress: [{ fqdns: ['**.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns[0]', rule: 'is not a lowercase DNS name', fix: 'api.stripe.com or *.stripe.com', value: '**.example.com' },
  { source: 'namespaces.ts', title: 'egress by name on the VPC CNI', spec: aws({ namespaces: [{ name: 'payments', egress: [{ fqdns: ['api.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns', rule: 'cannot be enforced with cloud mode vpc-cni on aws: the VPC CNI network policy agent filters by address only', fix: 'use cidr destinations instead' },
  { source: 'namespaces.ts', title: 'egress by name with Calico', spec: azure({ cni: { kind: 'calico' }, namespaces: [{ name: 'payments', egress: [{ fqdns: ['api.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns', rule: 'DNS-name egress rules are a Calico Enterprise feature', fix: 'use cidr destinations instead' },
  { source: 'namespaces.ts', title: 'egress by name on GKE', spec: gcp({ namespaces: [{ name: 'payments', egress: [{ fqdns: ['api.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns', rule: "GKE's FQDN network policy needs GKE Enterprise", fix: 'use cidr destinations instead' },
  { source: 'namespaces.ts', title: 'egress by name on Azure CNI powered by Cilium', spec: azure({ namespaces: [{ name: 'payments', egress: [{ fqdns: ['api.example.com'], ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].fqdns', rule: 'needs Advanced Container Networking Services', fix: 'use cidr destinations instead' },
  { source: 'namespaces.ts', title: 'near-miss from.namespace', spec: aws({ namespaces: [{ name: 'payments', allow: [allowance({ namespace: 'checkuot' })] }, { name: 'checkout' }] }), path: 'namespaces[0].allow[0].from.namespace', rule: 'is not a declared namespace, but checkout is', fix: 'did you mean checkout?', value: 'checkuot' },
  { source: 'namespaces.ts', title: 'invalid from.namespace', spec: gcp({ namespaces: [{ name: 'payments', allow: [allowance({ namespace: 'Front_End' })] }] }), path: 'namespaces[0].allow[0].from.namespace', rule: 'is not a valid namespace name', fix: 'use the namespace of the calling pods' },
  { source: 'namespaces.ts', title: 'allowance with no port', spec: aws({ namespaces: [{ name: 'payments', allow: [allowance({ namespace: 'payments' }, 'api', [])] }] }), path: 'namespaces[0].allow[0].ports', rule: 'is empty, so the allowance would allow nothing', fix: 'list the ports the callee serves, e.g. [{ port: 8443 }]' },
  { source: 'namespaces.ts', title: 'egress to a bad CIDR', spec: azure({ namespaces: [{ name: 'payments', egress: [{ cidr: '203.0.113.0', ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].cidr', rule: 'is not an IPv4 CIDR', fix: 'write an IPv4 CIDR such as 203.0.113.0/24' },
  { source: 'namespaces.ts', title: 'egress CIDR with host bits', spec: aws({ namespaces: [{ name: 'payments', egress: [{ cidr: '203.0.113.7/24', ports: [{ port: 443 }] }] }] }), path: 'namespaces[0].egress[0].cidr', rule: 'has host bits set', fix: 'write an IPv4 CIDR' },
  { source: 'namespaces.ts', title: 'egress with no port', spec: gcp({ namespaces: [{ name: 'payments', egress: [{ cidr: '203.0.113.0/24', ports: [] }] }] }), path: 'namespaces[0].egress[0].ports', rule: 'is empty, so the allowance would allow nothing', fix: 'list the ports, e.g. [{ port: 443 }]' },
];

// ---------------------------------------------------------------------------------------------
// rules/tags.ts
// ---------------------------------------------------------------------------------------------
const tagRows: Row[] = [
  { source: 'tags.ts', title: 'aws: more than 48 tags', spec: aws({ tags: manyTags(49) }), path: 'tags', rule: "has more than the 48 tags aws leaves room for beside polycluster's own", fix: 'drop some tags', value: 49 },
  { source: 'tags.ts', title: 'gcp: more than 62 labels', spec: gcp({ tags: manyTags(63) }), path: 'tags', rule: 'has more than the 62 tags gcp leaves room for', fix: 'drop some tags' },
  { source: 'tags.ts', title: 'azure: more than 48 tags', spec: azure({ tags: manyTags(49) }), path: 'tags', rule: 'has more than the 48 tags azure leaves room for', fix: 'drop some tags' },
  { source: 'tags.ts', title: "polycluster's own tag key", spec: aws({ tags: { 'polycluster-cluster': 'other' } }), path: 'tags.polycluster-cluster', rule: 'is set by polycluster itself', fix: 'use another key' },
  { source: 'tags.ts', title: 'aws tag key with the aws: prefix', spec: aws({ tags: { 'aws:owner': 'platform' } }), path: 'tags.aws:owner', rule: 'is not a valid AWS tag key (at most 128 characters, not starting with aws:)', fix: 'use a shorter key without the aws: prefix' },
  { source: 'tags.ts', title: 'aws tag key longer than 128', spec: aws({ tags: { ['k'.repeat(129)]: 'v' } }), path: `tags.${'k'.repeat(129)}`, rule: 'is not a valid AWS tag key', fix: 'use a shorter key' },
  { source: 'tags.ts', title: 'aws tag value longer than 256', spec: aws({ tags: { owner: 'v'.repeat(257) } }), path: 'tags.owner', rule: 'is longer than the 256 characters AWS allows', fix: 'shorten the value' },
  { source: 'tags.ts', title: 'gcp label key with uppercase', spec: gcp({ tags: { CostCenter: 'platform' } }), path: 'tags.CostCenter', rule: 'is not a valid GCP label key', fix: 'use e.g. costcenter' },
  { source: 'tags.ts', title: 'gcp label value with a space', spec: gcp({ tags: { team: 'Platform Team' } }), path: 'tags.team', rule: 'is not a valid GCP label value', fix: 'use e.g. platform-team', value: 'Platform Team' },
  { source: 'tags.ts', title: 'azure tag name with /', spec: azure({ tags: { 'cost/center': 'x' } }), path: 'tags.cost/center', rule: 'is not a valid Azure tag name', fix: 'rename the tag' },
  { source: 'tags.ts', title: 'azure tag value longer than 256', spec: azure({ tags: { owner: 'v'.repeat(257) } }), path: 'tags.owner', rule: 'is longer than the 256 characters Azure allows', fix: 'shorten the value' },
];

// ---------------------------------------------------------------------------------------------
// rules/backend.ts
// ---------------------------------------------------------------------------------------------
const s3 = { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' } as const;
const gcs = { kind: 'gcs', bucket: 'acme-tfstate' } as const;
const azurerm = { kind: 'azurerm', resourceGroupName: 'tfstate-rg', storageAccountName: 'acmetfstate', containerName: 'tfstate' } as const;
const backendRows: Row[] = [
  { source: 'backend.ts', title: 'local: absolute directory', spec: aws({ stateBackend: { kind: 'local', directory: '/var/lib/state' } }), path: 'stateBackend.directory', rule: 'is an absolute path, which makes the synthesized output differ between machines', fix: 'use a path relative to the project root, e.g. state' },
  { source: 'backend.ts', title: 'local: Windows drive path', spec: azure({ stateBackend: { kind: 'local', directory: 'C:\\state' } }), path: 'stateBackend.directory', rule: 'is an absolute path', fix: 'use a path relative to the project root' },
  { source: 'backend.ts', title: 's3: bucket given as a URL', spec: aws({ stateBackend: { ...s3, bucket: 's3://acme-tfstate' } }), path: 'stateBackend.bucket', rule: 'is not a valid S3 bucket name (3-63 lowercase letters, digits, . and -)', fix: 'use the bucket name without s3:// or a path' },
  { source: 'backend.ts', title: 's3: bucket with ..', spec: aws({ stateBackend: { ...s3, bucket: 'acme..tfstate' } }), path: 'stateBackend.bucket', rule: 'is not a valid S3 bucket name', fix: 'use the bucket name' },
  { source: 'backend.ts', title: 's3: region', spec: gcp({ stateBackend: { ...s3, region: 'Ireland' } }), path: 'stateBackend.region', rule: 'is not an AWS region', fix: 'use the bucket region, e.g. eu-west-1' },
  { source: 'backend.ts', title: 's3: DynamoDB table name too short', spec: aws({ stateBackend: { ...s3, dynamodbTable: 'tf' } }), path: 'stateBackend.dynamodbTable', rule: 'is not a valid DynamoDB table name', fix: 'or leave it out for S3 native locking' },
  { source: 'backend.ts', title: 's3: keyPrefix with a leading /', spec: aws({ stateBackend: { ...s3, keyPrefix: '/polycluster' } }), path: 'stateBackend.keyPrefix', rule: 'must be a non-empty path without a leading or trailing /', fix: 'use e.g. polycluster or teams/platform' },
  { source: 'backend.ts', title: 's3: empty keyPrefix', spec: aws({ stateBackend: { ...s3, keyPrefix: '' } }), path: 'stateBackend.keyPrefix', rule: 'must be a non-empty path', fix: 'use e.g. polycluster', value: '' },
  { source: 'backend.ts', title: 'gcs: bucket given as a URL', spec: gcp({ stateBackend: { ...gcs, bucket: 'gs://acme-tfstate' } }), path: 'stateBackend.bucket', rule: 'is not a valid GCS bucket name (3-63 lowercase letters, digits, ., _ and -)', fix: 'use the bucket name without gs://' },
  { source: 'backend.ts', title: 'gcs: prefix with a trailing /', spec: gcp({ stateBackend: { ...gcs, prefix: 'teams/platform/' } }), path: 'stateBackend.prefix', rule: 'must be a non-empty path without a leading or trailing /', fix: 'use e.g. polycluster or teams/platform' },
  { source: 'backend.ts', title: 'azurerm: storage account with uppercase', spec: azure({ stateBackend: { ...azurerm, storageAccountName: 'AcmeTfState' } }), path: 'stateBackend.storageAccountName', rule: 'is not a valid storage account name (3-24 lowercase letters and digits)', fix: 'use the account name only' },
  { source: 'backend.ts', title: 'azurerm: container with --', spec: azure({ stateBackend: { ...azurerm, containerName: 'tf--state' } }), path: 'stateBackend.containerName', rule: 'is not a valid container name (3-63 lowercase letters, digits and single -)', fix: 'use e.g. tfstate' },
  { source: 'backend.ts', title: 'azurerm: resource group ending with .', spec: azure({ stateBackend: { ...azurerm, resourceGroupName: 'tfstate.' } }), path: 'stateBackend.resourceGroupName', rule: 'is not a valid resource group name', fix: 'use the resource group of the storage account' },
  { source: 'backend.ts', title: 'azurerm: keyPrefix with a trailing /', spec: azure({ stateBackend: { ...azurerm, keyPrefix: 'polycluster/' } }), path: 'stateBackend.keyPrefix', rule: 'must be a non-empty path without a leading or trailing /', fix: 'use e.g. polycluster' },
];

// ---------------------------------------------------------------------------------------------
// shape.ts: ajv shape errors
// ---------------------------------------------------------------------------------------------
const TOP_FIELDS = 'name, cloud, region, zones, zoneCount, kubernetesVersion, profile, network';
const shapeRows: Row[] = [
  { source: 'shape.ts', title: 'unknown top-level field near a known one', spec: raw(MINIMAL.aws, { zoneCnt: 2 }), path: 'zoneCnt', rule: 'is not a known field', fix: `did you mean zoneCount? Known fields here: ${TOP_FIELDS}`, value: 2 },
  { source: 'shape.ts', title: 'unknown nested field differing in case', spec: raw(MINIMAL.gcp, { network: { podCIDR: '100.64.0.0/14' } }), path: 'network.podCIDR', rule: 'is not a known field', fix: 'did you mean podCidr?' },
  { source: 'shape.ts', title: 'unknown field in a list item', spec: raw(MINIMAL.aws, { nodePools: [{ name: 'general', maxpods: 50 }] }), path: 'nodePools[0].maxpods', rule: 'is not a known field', fix: 'did you mean maxPods?' },
  { source: 'shape.ts', title: 'unknown field in a backend member', spec: raw(MINIMAL.aws, { stateBackend: { ...s3, keyprefix: 'x' } }), path: 'stateBackend.keyprefix', rule: 'is not a known field', fix: 'did you mean keyPrefix? Known fields here: kind, bucket, region, keyPrefix, dynamodbTable, kmsKeyId' },
  { source: 'shape.ts', title: 'unknown top-level field far from any known one', spec: raw(MINIMAL.azure, { xyzzyplugh: true }), path: 'xyzzyplugh', rule: 'is not a known field', fix: `remove it; known fields here: ${TOP_FIELDS}` },
  { source: 'shape.ts', title: 'cidrs on a deployer inside the network', spec: raw(MINIMAL.aws, { access: { deployer: { network: { from: 'network', cidrs: ['8.8.8.0/24'] } } } }), path: 'access.deployer.network.cidrs', rule: 'is not a known field', fix: 'remove it; known fields here: from' },
  { source: 'shape.ts', title: 'required top-level field', spec: { name: 'eks-test', cloud: 'aws' }, path: 'region', rule: 'is required', fix: 'set region', value: undefined },
  { source: 'shape.ts', title: 'pool without a name', spec: raw(MINIMAL.aws, { nodePools: [{ machineType: 'm7i.large' }] }), path: 'nodePools[0].name', rule: 'is required', fix: 'set name' },
  { source: 'shape.ts', title: 'gcp block without a project', spec: raw(MINIMAL.gcp, { gcp: {} }), path: 'gcp.project', rule: 'is required', fix: 'set project' },
  { source: 'shape.ts', title: 's3 backend without a region', spec: raw(MINIMAL.aws, { stateBackend: { kind: 's3', bucket: 'acme-tfstate' } }), path: 'stateBackend.region', rule: 'is required', fix: 'set region' },
  { source: 'shape.ts', title: 'taint without an effect', spec: raw(MINIMAL.azure, { nodePools: [{ name: 'general', taints: [{ key: 'dedicated' }] }] }), path: 'nodePools[0].taints[0].effect', rule: 'is required', fix: 'set effect' },
  { source: 'shape.ts', title: 'zoneCount as a string', spec: raw(MINIMAL.aws, { zoneCount: '3' }), path: 'zoneCount', rule: 'is not of type integer', fix: 'write an integer', value: '3' },
  { source: 'shape.ts', title: 'zoneCount as a fraction', spec: raw(MINIMAL.gcp, { zoneCount: 2.5 }), path: 'zoneCount', rule: 'is not of type integer', fix: 'write an integer' },
  { source: 'shape.ts', title: 'name as a number', spec: raw(MINIMAL.aws, { name: 42 }), path: 'name', rule: 'is not of type string', fix: 'write a string' },
  { source: 'shape.ts', title: 'nodePools as an object', spec: raw(MINIMAL.aws, { nodePools: { general: {} } }), path: 'nodePools', rule: 'is not of type array', fix: 'write an array' },
  { source: 'shape.ts', title: 'tag value as a number', spec: raw(MINIMAL.gcp, { tags: { team: 1 } }), path: 'tags.team', rule: 'is not of type string', fix: 'write a string' },
  { source: 'shape.ts', title: 'node label with a domain prefix as a number', spec: raw(MINIMAL.aws, { nodePools: [{ name: 'general', labels: { 'example.com/team': 1 } }] }), path: 'nodePools[0].labels.example.com/team', rule: 'is not of type string', fix: 'write a string' },
  { source: 'shape.ts', title: 'tag with a numeric key and a number value', spec: raw(MINIMAL.gcp, { tags: { '2024': 1 } }), path: 'tags.2024', rule: 'is not of type string', fix: 'write a string' },
  { source: 'shape.ts', title: 'spec that is not an object', spec: null, path: '', rule: 'is not of type object', fix: 'write an object' },
  { source: 'shape.ts', title: 'unknown cloud', spec: raw(MINIMAL.aws, { cloud: 'gce' }), path: 'cloud', rule: 'is not one of the allowed values', fix: 'use one of aws, gcp, azure', value: 'gce' },
  { source: 'shape.ts', title: 'unknown CNI kind', spec: raw(MINIMAL.aws, { cni: { kind: 'weave' } }), path: 'cni.kind', rule: 'is not one of the allowed values', fix: 'use one of cloud, calico, cilium, flannel' },
  { source: 'shape.ts', title: 'unknown taint effect', spec: raw(MINIMAL.gcp, { nodePools: [{ name: 'general', taints: [{ key: 'dedicated', effect: 'NoRun' }] }] }), path: 'nodePools[0].taints[0].effect', rule: 'is not one of the allowed values', fix: 'use one of NoSchedule, PreferNoSchedule, NoExecute' },
  { source: 'shape.ts', title: 'unknown backend kind', spec: raw(MINIMAL.azure, { stateBackend: { kind: 'remote' } }), path: 'stateBackend.kind', rule: 'is not one of the allowed values', fix: 'use one of local, s3, gcs, azurerm' },
  { source: 'shape.ts', title: 'zoneCount 0', spec: raw(MINIMAL.aws, { zoneCount: 0 }), path: 'zoneCount', rule: 'is below the minimum 1', fix: 'use a whole number >= 1', value: 0 },
  { source: 'shape.ts', title: 'maxPods 0', spec: raw(MINIMAL.gcp, { nodePools: [{ name: 'general', maxPods: 0 }] }), path: 'nodePools[0].maxPods', rule: 'is below the minimum 1', fix: 'use a whole number >= 1' },
  { source: 'shape.ts', title: 'negative subnet prefix', spec: raw(MINIMAL.aws, { network: { subnets: { privatePrefix: -1 } } }), path: 'network.subnets.privatePrefix', rule: 'is below the minimum 0', fix: 'use a whole number >= 0' },
  { source: 'shape.ts', title: 'subnet prefix 33', spec: raw(MINIMAL.azure, { network: { subnets: { nodePrefix: 33 } } }), path: 'network.subnets.nodePrefix', rule: 'is above the maximum 32', fix: 'use a whole number <= 32', value: 33 },
  { source: 'shape.ts', title: 'port above 65535', spec: raw(MINIMAL.aws, { namespaces: [{ name: 'payments', egress: [{ cidr: '203.0.113.0/24', ports: [{ port: 70000 }] }] }] }), path: 'namespaces[0].egress[0].ports[0].port', rule: 'is above the maximum 65535', fix: 'use a whole number <= 65535' },
];

// ---------------------------------------------------------------------------------------------
// rules/kubernetes-labels.ts
// ---------------------------------------------------------------------------------------------
const kubernetesLabelRows: Row[] = [
  { source: 'kubernetes-labels.ts', title: 'label key with a space', spec: aws({ kubernetesLabels: { 'cost centre': 'cc-42' } }), path: 'kubernetesLabels.cost centre', rule: 'is not a valid label name', fix: 'use a valid label key such as team or acme.example/team', value: 'cost centre' },
  { source: 'kubernetes-labels.ts', title: 'label key of the app.kubernetes.io domain', spec: gcp({ kubernetesLabels: { 'app.kubernetes.io/part-of': 'shop' } }), path: 'kubernetesLabels.app.kubernetes.io/part-of', rule: 'is in the kubernetes.io domain, which Kubernetes and the charts (app.kubernetes.io/*) own', fix: 'use a key of your own domain, e.g. acme.example/team' },
  { source: 'kubernetes-labels.ts', title: 'the namespace name label', spec: azure({ kubernetesLabels: { 'kubernetes.io/metadata.name': 'x' } }), path: 'kubernetesLabels.kubernetes.io/metadata.name', rule: 'is in the kubernetes.io domain', fix: 'use a key of your own domain' },
  { source: 'kubernetes-labels.ts', title: 'label key of the k8s.io domain', spec: aws({ kubernetesLabels: { 'node.k8s.io/pool': 'a' } }), path: 'kubernetesLabels.node.k8s.io/pool', rule: 'is in the k8s.io domain, which Kubernetes owns', fix: 'use a key of your own domain' },
  { source: 'kubernetes-labels.ts', title: "polycluster's own label key", spec: aws({ kubernetesLabels: { 'polycluster.io/exposed': 'true' } }), path: 'kubernetesLabels.polycluster.io/exposed', rule: 'is in the polycluster.io domain, which polycluster sets itself: policies, Gateways and chart selectors match on it', fix: 'use a key of your own domain' },
  { source: 'kubernetes-labels.ts', title: "Helm's label key", spec: aws({ kubernetesLabels: { 'helm.sh/chart': 'x' } }), path: 'kubernetesLabels.helm.sh/chart', rule: 'is in the helm.sh domain, which Helm owns', fix: 'use a key of your own domain' },
  { source: 'kubernetes-labels.ts', title: 'a label the charts set themselves', spec: gcp({ kubernetesLabels: { app: 'platform' } }), path: 'kubernetesLabels.app', rule: 'is a label the installed charts set on their own objects', fix: 'prefix it with your own domain, e.g. acme.example/app' },
  { source: 'kubernetes-labels.ts', title: 'label value with a space', spec: azure({ kubernetesLabels: { team: 'Platform Team' } }), path: 'kubernetesLabels.team', rule: 'is not a valid label value', fix: 'use at most 63 alphanumerics', value: 'Platform Team' },
  { source: 'shape.ts', title: 'kubernetes label value as a number', spec: raw(MINIMAL.aws, { kubernetesLabels: { team: 7 } }), path: 'kubernetesLabels.team', rule: 'is not of type string', fix: 'write a string' },
];

const ROWS: readonly Row[] = [
  ...identityRows,
  ...networkRows,
  ...capacityRows,
  ...cniRows,
  ...cniMatrixRows,
  ...accessRows,
  ...nodePoolRows,
  ...addonRows,
  ...namespaceRows,
  ...tagRows,
  ...kubernetesLabelRows,
  ...backendRows,
  ...shapeRows,
];

/** A readable dump of problems for failure messages. */
const dump = (problems: readonly Problem[]): string =>
  problems.map((p) => `  ${p.path} ${JSON.stringify(p.value)} ${p.rule}: ${p.fix}`).join('\n');

describe('every validation message is triggered by a spec', () => {
  it.each(ROWS.map((row) => [`${row.source}: ${row.title}`, row] as const))('%s', (_label, row) => {
    const problems = checkSpec(row.spec);
    const expected = expect.objectContaining({
      path: row.path,
      rule: expect.stringContaining(row.rule),
      fix: expect.stringContaining(row.fix),
      ...('value' in row ? { value: row.value } : {}),
    });
    expect(problems, `problems were:\n${dump(problems)}`).toContainEqual(expected);
    for (const p of problems) {
      expect(p.rule.trim(), `empty rule at ${p.path}`).not.toBe('');
      expect(p.fix.trim(), `empty fix at ${p.path}`).not.toBe('');
      // Raw ajv wording ('must match "then" schema', 'must have required property ...') never reaches users.
      expect(p.rule).not.toMatch(/^must (match|have|NOT|be (equal|array|object|string|integer|boolean|number))\b/);
    }
  });

  it('has unique row titles', () => {
    const titles = ROWS.map((r) => `${r.source}: ${r.title}`);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });
});

describe('the CNI refusal paths', () => {
  it('reports a refused mode on cni.mode with the written mode, and a refused default on cni.kind', () => {
    const written = checkSpec(gcp({ cni: { kind: 'flannel', mode: 'vxlan' } })).filter((p) => p.path.startsWith('cni.'));
    const defaulted = checkSpec(gcp({ cni: { kind: 'flannel' } })).filter((p) => p.path.startsWith('cni.'));
    expect(written.map((p) => [p.path, p.value])).toEqual([['cni.mode', 'vxlan']]);
    expect(defaulted.map((p) => [p.path, p.value])).toEqual([['cni.kind', 'flannel']]);
  });
});

describe('SpecValidationError', () => {
  const broken = aws({
    region: 'eu-west',
    kubernetesVersion: '1.20',
    network: { podCidr: '100.64.0.0/14' },
    nodePools: [],
  });
  const expectedLines = (prefix: string): string[] => [
    `${prefix}.region eu-west is not an AWS region name: use a region such as eu-west-1`,
    `${prefix}.kubernetesVersion 1.20 is outside the aws supported window ${windowText('aws')}: choose a version from ${windowText('aws')}`,
    `${prefix}.network.podCidr 100.64.0.0/14 is not used: pods take VPC addresses with cloud mode vpc-cni: remove network.podCidr, or choose an overlay mode`,
    `${prefix}.nodePools [] has no pool, so no workload could run: add a pool, or leave nodePools out for the default one`,
  ];
  const thrown = (run: () => unknown): SpecValidationError => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecValidationError);
    return caught as SpecValidationError;
  };

  it('lists every problem at once, one `<prefix>.<path> <value> <rule>: <fix>` line each', () => {
    expect(checkSpec(broken)).toHaveLength(4);
    const error = thrown(() => validateSpec(broken, 'clusters[0]'));
    expect(error.message).toBe(
      `polycluster: 4 problems in the cluster spec:\n${expectedLines('clusters[0]').map((l) => `  - ${l}`).join('\n')}`,
    );
    expect(error.problems).toHaveLength(4);
    expect(error.problems.every((p) => p.prefix === 'clusters[0]')).toBe(true);
  });

  it('prefixes with the cluster name by default, and resolveCluster throws the same error', () => {
    const fromValidate = thrown(() => validateSpec(broken));
    const fromResolve = thrown(() => resolveCluster(broken));
    expect(fromValidate.message.split('\n').slice(1)).toEqual(expectedLines('eks-test').map((l) => `  - ${l}`));
    expect(fromResolve.message).toBe(fromValidate.message);
  });

  it('says "1 problem" and shows a missing value as (missing) and an empty one as ""', () => {
    const missing = thrown(() => validateSpec(raw(MINIMAL.aws, { nodePools: [{}] })));
    expect(missing.message).toBe(
      'polycluster: 1 problem in the cluster spec:\n  - eks-test.nodePools[0].name (missing) is required: set name',
    );
    const empty = thrown(() => validateSpec(aws({ stateBackend: { ...s3, keyPrefix: '' } })));
    expect(empty.message).toContain('eks-test.stateBackend.keyPrefix "" must be a non-empty path');
  });

  it('uses "spec" as the prefix when the spec has no usable name', () => {
    const error = thrown(() => validateSpec({ cloud: 'aws', region: 'eu-west-1' }));
    expect(error.message).toContain('  - spec.name (missing) is required: set name');
  });
});

describe('shape problems and rules', () => {
  it('still runs every rule when the only shape problems are unknown fields', () => {
    const problems = checkSpec(raw(MINIMAL.aws, { zoneCnt: 2, region: 'eu-west', kubernetesVersion: '1.20' }));
    expect(problems.map((p) => p.path)).toEqual(['zoneCnt', 'region', 'kubernetesVersion']);
  });

  it('stops at the shape when a field has the wrong type, reporting every shape problem', () => {
    const problems = checkSpec(raw(MINIMAL.aws, { zoneCount: '2', zoneCnt: 2, region: 'eu-west', kubernetesVersion: '1.20' }));
    expect(problems.map((p) => [p.path, p.rule])).toEqual(
      expect.arrayContaining([
        ['zoneCount', 'is not of type integer'],
        ['zoneCnt', 'is not a known field'],
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('stops at the shape when a required field is missing', () => {
    const problems = checkSpec({ name: '-bad', cloud: 'aws' });
    expect(problems.map((p) => p.path)).toEqual(['region']);
  });

  it('reports each shape problem once', () => {
    const problems = checkSpec(raw(MINIMAL.aws, { stateBackend: { kind: 's3', bucket: 1 } }));
    const keys = problems.map((p) => `${p.path}|${p.rule}`);
    expect(keys).toEqual([...new Set(keys)]);
    expect(problems.map((p) => p.path).sort()).toEqual(['stateBackend.bucket', 'stateBackend.region']);
  });
});

describe('valid specs', () => {
  it.each(CLOUDS)('MINIMAL.%s has no problem and resolves', (cloud) => {
    expect(checkSpec(MINIMAL[cloud])).toEqual([]);
    expect(() => validateSpec(MINIMAL[cloud])).not.toThrow();
    expect(resolveCluster(MINIMAL[cloud]).name).toBe(MINIMAL[cloud].name);
  });

  it.each(CLOUDS)('the development profile of MINIMAL.%s has no problem', (cloud) => {
    expect(checkSpec({ ...MINIMAL[cloud], profile: 'development' })).toEqual([]);
  });
});

describe('robustness and fixes that hold', () => {
  it('reports a bad region with zones instead of crashing', () => {
    const spec = aws({ region: 'eu-west-1(', zones: ['eu-west-1a', 'eu-west-1b'] });
    let problems: readonly Problem[] = [];
    expect(() => {
      problems = checkSpec(spec);
    }).not.toThrow();
    expect(problems).toContainEqual(expect.objectContaining({ path: 'region', rule: expect.stringContaining('is not an AWS region name') }));
  });

  it('accepts the GCP label key that the bad-key fix suggests', () => {
    const bad = checkSpec(gcp({ tags: { '1team': 'platform' } }));
    const suggested = /use e\.g\. (\S+)/.exec(bad.find((p) => p.path === 'tags.1team')!.fix)![1]!;
    expect(checkSpec(gcp({ tags: { [suggested]: 'platform' } }))).toEqual([]);
  });

  it('accepts the example CIDR that the bad-deployer-CIDR fix suggests', () => {
    const bad = checkSpec(aws({ access: cidrsDeployer(['office']) }));
    const example = /(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})/.exec(bad.find((p) => p.path === 'access.deployer.network.cidrs[0]')!.fix)![1]!;
    expect(checkSpec(aws({ access: cidrsDeployer([example]) }))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage guards: a new message without a row fails here.
// ---------------------------------------------------------------------------------------------
const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'));
/** 1-based line numbers of the `problems.add(` call sites of a rules file. */
const callSites = (file: string): number[] =>
  readFileSync(join(RULES_DIR, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.includes('problems.add(') ? [i + 1] : []));

describe('coverage guards', () => {
  it('finds the rules files and their call sites', () => {
    expect(ruleFiles.length).toBeGreaterThan(5);
    expect(ruleFiles.reduce((n, f) => n + callSites(f).length, 0)).toBeGreaterThan(50);
  });

  it.each(ruleFiles.filter((f) => callSites(f).length > 0))(
    'rules/%s has at least one row per problems.add(...) call site',
    (file) => {
      const source = readFileSync(join(RULES_DIR, file), 'utf8');
      const calls = source.split('problems.add(').length - 1;
      const rows = ROWS.filter((r) => r.source === file).length;
      expect(rows, `rules/${file} has ${calls} problems.add(...) call sites but ${rows} rows`).toBeGreaterThanOrEqual(calls);
    },
  );

  it('every problems.add(...) call site in rules/*.ts is reached by some row', () => {
    const reached = new Set<string>();
    const original = ProblemList.prototype.add;
    const spy = vi.spyOn(ProblemList.prototype, 'add').mockImplementation(function (this: ProblemList, ...args) {
      const frame = (new Error().stack ?? '').split('\n').find((line) => /[\\/]spec[\\/]rules[\\/][\w-]+\.ts:\d+/.test(line));
      const site = frame ? /[\\/]rules[\\/]([\w-]+\.ts):(\d+)/.exec(frame) : null;
      if (site) reached.add(`${site[1]}:${site[2]}`);
      original.apply(this, args);
    });
    try {
      for (const row of ROWS) checkSpec(row.spec);
    } finally {
      spy.mockRestore();
    }
    expect(reached.size, 'no call site was recognised in the stack traces').toBeGreaterThan(0);
    const missing = ruleFiles.flatMap((file) => callSites(file).map((line) => `${file}:${line}`)).filter((s) => !reached.has(s));
    expect(missing).toEqual([]);
  });

  it('every shape error kind of shape.ts has a row', () => {
    const source = readFileSync(join(SPEC_DIR, 'shape.ts'), 'utf8');
    const keywords = [...source.matchAll(/case '(\w+)':/g)].map((m) => m[1]!).filter((k) => k !== 'if');
    const shapeRules: Record<string, string> = {
      additionalProperties: 'is not a known field',
      required: 'is required',
      type: 'is not of type',
      enum: 'is not one of the allowed values',
      minimum: 'is below the minimum',
      maximum: 'is above the maximum',
    };
    for (const keyword of keywords) {
      const rule = shapeRules[keyword];
      expect(rule, `shape.ts handles ${keyword}, which this guard does not know`).toBeDefined();
      expect(ROWS.some((r) => r.source === 'shape.ts' && r.rule.startsWith(rule!)), `no row for ${keyword}`).toBe(true);
    }
    // Both fixes of an unknown field: with and without a near known name.
    expect(ROWS.some((r) => r.source === 'shape.ts' && r.fix.startsWith('did you mean'))).toBe(true);
    expect(ROWS.some((r) => r.source === 'shape.ts' && r.fix.startsWith('remove it;'))).toBe(true);
  });

  it('every CNI refusal path of resolve.ts has a row', () => {
    const cni = ROWS.filter((r) => r.source === 'resolve.ts');
    expect(cni.some((r) => r.path === 'cni.mode' && r.rule.startsWith('is refused for'))).toBe(true);
    expect(cni.some((r) => r.path === 'cni.mode' && r.rule.startsWith('is not a '))).toBe(true);
    expect(cni.some((r) => r.path === 'cni.kind' && r.rule.startsWith('cannot run on'))).toBe(true);
  });
});

