import { ZONE_SLOTS } from '../cidr-plan';
import { isSupportedVersion, KUBERNETES_VERSIONS, minorOf } from '../versions';
import { CLOUD_NAMES, CLOUDS, type Cloud } from '../types';
import type { Rule } from './context';
import { GUID } from './patterns';

/** Cluster name rules of each cloud (REFERENCE.md, "Inputs the clouds reject"). */
const NAME_RULES: { readonly [C in Cloud]: { readonly pattern: RegExp; readonly max: number; readonly text: string } } = {
  aws: {
    pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/,
    max: 100,
    text: 'EKS names are 1-100 characters: letters, digits, - and _, starting with a letter or digit',
  },
  gcp: {
    pattern: /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/,
    max: 40,
    text: 'GKE names are 1-40 characters: lowercase letters, digits and -, starting with a letter and not ending with -',
  },
  azure: {
    pattern: /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/,
    max: 63,
    text: 'AKS names are 1-63 characters: letters, digits, - and _, starting and ending with a letter or digit',
  },
};

const REGION_RULES: { readonly [C in Cloud]: { readonly pattern: RegExp; readonly example: string } } = {
  aws: { pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, example: 'eu-west-1' },
  gcp: { pattern: /^[a-z]+-[a-z]+\d{1,2}$/, example: 'europe-west1' },
  azure: { pattern: /^[a-z][a-z0-9]{2,}$/, example: 'westeurope' },
};

/** A name made valid for a cloud, for the fix of a bad name. */
function suggestName(name: string, cloud: Cloud): string {
  const lower = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  const base = lower === '' ? 'cluster' : lower;
  return base.slice(0, NAME_RULES[cloud].max).replace(/-+$/, '');
}

export const nameRule: Rule = ({ draft, problems }) => {
  const rule = NAME_RULES[draft.cloud];
  if (draft.name.length > rule.max || !rule.pattern.test(draft.name)) {
    problems.add('name', draft.name, `is not a valid ${draft.cloud} cluster name (${rule.text})`, `use a name such as ${suggestName(draft.name, draft.cloud)}`);
  }
};

export const regionRule: Rule = ({ draft, problems }) => {
  const rule = REGION_RULES[draft.cloud];
  if (!rule.pattern.test(draft.region)) {
    problems.add('region', draft.region, `is not ${CLOUD_NAMES[draft.cloud].article} region name`, `use a region such as ${rule.example}`);
  }
};

/** Whether `zone` is `region` followed by a suffix of the given shape. */
function suffixOf(zone: string, region: string, suffix: RegExp): boolean {
  return zone.startsWith(region) && suffix.test(zone.slice(region.length));
}

/** A zone name's expected shape on each cloud. */
function zoneProblem(cloud: Cloud, region: string, zone: string): string | undefined {
  switch (cloud) {
    case 'aws':
      return suffixOf(zone, region, /^[a-z]$/) ? undefined : `is not an availability zone of ${region} (such as ${region}a; Local and Wavelength Zones cannot host EKS control-plane subnets)`;
    case 'gcp':
      return suffixOf(zone, region, /^-[a-z]$/) ? undefined : `is not a zone of ${region} (such as ${region}-b)`;
    case 'azure':
      return ['1', '2', '3'].includes(zone) ? undefined : 'is not an Azure availability zone (1, 2 or 3)';
  }
}

export const zonesRule: Rule = ({ draft, problems }) => {
  const { spec } = draft;
  if (spec.zones && spec.zoneCount !== undefined && spec.zoneCount !== spec.zones.length) {
    problems.add('zoneCount', spec.zoneCount, `contradicts zones, which names ${spec.zones.length}`, 'remove zoneCount when zones are listed');
  }
  spec.zones?.forEach((zone, i) => {
    const problem = zoneProblem(draft.cloud, draft.region, zone);
    if (problem) problems.add(`zones[${i}]`, zone, problem, 'list zones of the cluster region');
    if (spec.zones!.indexOf(zone) !== i) problems.add(`zones[${i}]`, zone, 'is listed twice', 'list each zone once');
  });
  const path = spec.zones ? 'zones' : 'zoneCount';
  const value = spec.zones ?? draft.zoneCount;
  const max = draft.cloud === 'azure' ? 3 : ZONE_SLOTS;
  if (draft.cloud === 'aws' && draft.zoneCount < 2) {
    problems.add(path, value, 'gives fewer than two zones; EKS needs subnets in at least two zones', 'use two or more zones (three is the default)');
  } else if (draft.zoneCount < 1) {
    problems.add(path, value, 'gives no zone', 'use one or more zones');
  }
  if (draft.zoneCount > max) {
    const why = draft.cloud === 'azure' ? 'Azure regions have three availability zones' : `the subnet plan keeps room for ${ZONE_SLOTS} zones`;
    problems.add(path, value, `gives ${draft.zoneCount} zones, more than ${max}: ${why}`, `use at most ${max} zones`);
  }
};

export const versionRule: Rule = ({ draft, problems }) => {
  const version = draft.kubernetesVersion;
  const window = KUBERNETES_VERSIONS[draft.cloud];
  if (minorOf(version) === undefined) {
    problems.add('kubernetesVersion', version, 'is not a Kubernetes minor version', `write it as 1.<minor>, e.g. ${window.newest}`);
  } else if (!isSupportedVersion(draft.cloud, version)) {
    problems.add(
      'kubernetesVersion',
      version,
      `is outside the ${draft.cloud} supported window ${window.oldest} to ${window.newest}`,
      `choose a version from ${window.oldest} to ${window.newest}`,
    );
  }
};

export const cloudSettingsRule: Rule = ({ draft, problems }) => {
  const { spec } = draft;
  for (const other of CLOUDS) {
    if (other !== draft.cloud && spec[other] !== undefined) {
      problems.add(other, spec[other], `are ${CLOUD_NAMES[other].name} settings on ${CLOUD_NAMES[draft.cloud].article} cluster`, `remove the ${other} block, or set cloud to ${other}`);
    }
  }
  if (draft.cloud === 'gcp') {
    if (spec.gcp === undefined) {
      problems.add('gcp.project', undefined, 'is required on GCP', 'set gcp.project to the project id that owns the cluster');
    } else if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(spec.gcp.project)) {
      problems.add('gcp.project', spec.gcp.project, 'is not a GCP project id (6-30 lowercase letters, digits and -, starting with a letter)', 'use the project id, not its display name or number');
    }
  }
  const accountId = spec.aws?.accountId;
  if (draft.cloud === 'aws' && accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    problems.add('aws.accountId', accountId, 'is not a 12-digit AWS account id', 'use the account id, e.g. 123456789012');
  }
  if (draft.azure) azureSettings(draft.azure, problems, spec.azure?.dnsPrefix === undefined);
  // AKS logs go to a Log Analytics workspace, which keeps data 30 to 730 days.
  if (draft.cloud === 'azure' && (draft.logRetentionDays < 30 || draft.logRetentionDays > 730)) {
    problems.add('security.logRetentionDays', draft.logRetentionDays, 'is outside the 30 to 730 days an AKS Log Analytics workspace keeps logs', 'use 30 to 730 days');
  }
};

function azureSettings(
  azure: NonNullable<Parameters<Rule>[0]['draft']['azure']>,
  problems: Parameters<Rule>[0]['problems'],
  dnsPrefixDefaulted: boolean,
): void {
  if (azure.subscriptionId !== undefined && !GUID.test(azure.subscriptionId)) {
    problems.add('azure.subscriptionId', azure.subscriptionId, 'is not a subscription id (a GUID)', 'use the subscription id, e.g. 00000000-0000-0000-0000-000000000000');
  }
  if (!/^[-\w.()]{1,90}$/.test(azure.resourceGroupName) || azure.resourceGroupName.endsWith('.')) {
    problems.add('azure.resourceGroupName', azure.resourceGroupName, 'is not a valid resource group name (1-90 letters, digits, _, -, ., ( and ), not ending with .)', 'choose another name');
  }
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/.test(azure.dnsPrefix)) {
    problems.add(
      'azure.dnsPrefix',
      azure.dnsPrefix,
      `is not a valid AKS DNS prefix (1-54 letters, digits and -, not starting or ending with -)${dnsPrefixDefaulted ? '; it defaults to the cluster name' : ''}`,
      `set azure.dnsPrefix, e.g. ${azure.dnsPrefix.replace(/[^a-zA-Z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 54) || 'cluster'}`,
    );
  }
  const pool = azure.systemPool;
  if (pool.min < 1) {
    problems.add('azure.systemPool.min', pool.min, 'leaves the AKS system pool without nodes', 'use at least 1 (3 spreads critical add-ons over the zones)');
  }
  if (pool.min > pool.max) {
    problems.add('azure.systemPool.min', pool.min, `is above azure.systemPool.max ${pool.max}`, 'make min <= max');
  }
  if (!/^Standard_[A-Za-z0-9_]+$/.test(pool.machineType)) {
    problems.add('azure.systemPool.machineType', pool.machineType, 'is not an Azure VM size', 'use a size such as Standard_D4ds_v5');
  }
}
