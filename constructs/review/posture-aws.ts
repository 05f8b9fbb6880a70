import { addressOf, block, blocks, describeValue, flag, num, parseJsonAttribute, plural, str, strings, type TerraformResource, type TerraformView } from './posture-json';
import { egressReading, NO_EGRESS, publicEndpoint, retentionReading, type CloudPosture, type PostureReading } from './posture-model';
import { CONTROL_PLANE_LOGS } from '../spec/control-plane-logs';

/** The control-plane log types EKS offers; the secure default enables all of them. */
export const EKS_LOG_TYPES = CONTROL_PLANE_LOGS.aws;

function apiEndpoint(eks: TerraformResource, view: TerraformView): PostureReading {
  const vpc = block(eks.body.vpc_config) ?? {};
  // Provider defaults: the public endpoint is on and open to 0.0.0.0/0, the private one off.
  const publicOn = flag(vpc.endpoint_public_access) ?? true;
  const privateOn = flag(vpc.endpoint_private_access) ?? false;
  if (!publicOn) {
    const admits = view
      .resources('aws_vpc_security_group_ingress_rule')
      .filter((r) => num(r.body.from_port) === 443 && String(r.body.security_group_id ?? '').includes('cluster_security_group_id'))
      .map((r) => str(r.body.cidr_ipv4) ?? describeValue(r.body.referenced_security_group_id));
    return { value: `private only${admits.length > 0 ? `, admits ${admits.join(', ')}` : ''}`, secure: privateOn };
  }
  const reading = publicEndpoint(strings(vpc.public_access_cidrs) ?? [], privateOn ? '' : '; no private endpoint');
  return privateOn ? reading : { ...reading, explainedBy: () => false };
}

function authentication(eks: TerraformResource, view: TerraformView): PostureReading {
  const mode = str(block(eks.body.access_config)?.authentication_mode) ?? 'CONFIG_MAP';
  const entries = view.resources('aws_eks_access_entry').length;
  return mode === 'API'
    ? { value: `access entries only (API), ${entries} ${entries === 1 ? 'entry' : 'entries'}`, secure: true }
    : { value: `authentication mode ${mode} (aws-auth ConfigMap honoured)`, secure: false };
}

function secretsEncryption(eks: TerraformResource, view: TerraformView): PostureReading {
  const config = block(eks.body.encryption_config);
  const keyArn = block(config?.provider)?.key_arn;
  if (!config || !(strings(config.resources) ?? []).includes('secrets') || keyArn === undefined) {
    return { value: 'not encrypted with a customer key', secure: false };
  }
  const key = view.target(eks.stack, keyArn);
  if (!key || key.type !== 'aws_kms_key') return { value: `KMS key ${describeValue(keyArn)} (rotation not visible here)`, secure: false };
  const rotation = flag(key.body.enable_key_rotation) === true;
  return { value: `KMS key ${addressOf(key)} (rotation ${rotation ? 'on' : 'off'})`, secure: rotation };
}

function logging(eks: TerraformResource, view: TerraformView): PostureReading {
  const types = strings(eks.body.enabled_cluster_log_types) ?? [];
  const on = EKS_LOG_TYPES.filter((t) => types.includes(t)).length;
  // EKS writes to /aws/eks/<name>/cluster; the group we declare must carry the retention.
  const group = view.resources('aws_cloudwatch_log_group').find((g) => g.body.name === `/aws/eks/${String(eks.body.name)}/cluster`);
  return retentionReading('aws', on === EKS_LOG_TYPES.length, `${on} of ${EKS_LOG_TYPES.length} log types`, num(group?.body.retention_in_days) || undefined);
}

function workloadIdentity(_eks: TerraformResource, view: TerraformView): PostureReading {
  const oidc = view.first('aws_iam_openid_connect_provider');
  const podIdentity = view.resources('aws_eks_addon').some((a) => a.body.addon_name === 'eks-pod-identity-agent');
  const ways = [oidc ? `IRSA (${addressOf(oidc)})` : undefined, podIdentity ? 'EKS Pod Identity' : undefined].filter(Boolean);
  return ways.length > 0 ? { value: ways.join(' and '), secure: true } : { value: 'none (pods would use node credentials)', secure: false };
}

function egress(eks: TerraformResource, view: TerraformView): PostureReading {
  const nats = view.resources('aws_nat_gateway').filter((n) => n.body.connectivity_type !== 'private');
  if (nats.length === 0) {
    const endpoints = view.resources('aws_vpc_endpoint').length;
    return endpoints > 0 ? { ...NO_EGRESS, value: `none (no internet egress, ${plural(endpoints, 'VPC endpoint')})` } : NO_EGRESS;
  }
  const ips = new Set(nats.map((n) => String(n.body.allocation_id))).size;
  // The cluster's subnets are the node subnets, one per zone.
  return egressReading(ips, strings(block(eks.body.vpc_config)?.subnet_ids)?.length, 'NAT gateway');
}

function nodeMetadata(_eks: TerraformResource, view: TerraformView): PostureReading | undefined {
  const groups = view.resources('aws_eks_node_group');
  if (groups.length === 0) return undefined;
  const good = groups.filter((g) => {
    const template = view.target(g.stack, block(g.body.launch_template)?.id);
    const options = block(template?.body.metadata_options);
    return str(options?.http_tokens) === 'required' && (num(options?.http_put_response_hop_limit) ?? 2) <= 1;
  }).length;
  return { value: `IMDSv2 required, hop limit 1 on ${good} of ${plural(groups.length, 'node group')}`, secure: good === groups.length };
}

function nodePublicIps(_eks: TerraformResource, view: TerraformView): PostureReading {
  const subnets = view.resources('aws_subnet').filter((s) => flag(s.body.map_public_ip_on_launch) === true).map((s) => s.name);
  const templates = view
    .resources('aws_launch_template')
    .filter((t) => blocks(t.body.network_interfaces).some((n) => flag(n.associate_public_ip_address) === true))
    .map((t) => t.name);
  const offenders = [...subnets, ...templates];
  return offenders.length === 0
    ? { value: 'none (no subnet or launch template assigns one)', secure: true }
    : { value: `assigned by ${offenders.join(', ')}`, secure: false };
}

function flowLogs(_eks: TerraformResource, view: TerraformView): PostureReading {
  const logs = view.resources('aws_flow_log').filter((f) => f.body.vpc_id !== undefined && (f.body.traffic_type ?? 'ALL') === 'ALL');
  if (logs.length === 0) return { value: 'no VPC flow log of all traffic', secure: false };
  const group = view.target(logs[0]!.stack, logs[0]!.body.log_destination);
  const days = group?.type === 'aws_cloudwatch_log_group' ? num(group.body.retention_in_days) || undefined : undefined;
  return retentionReading('aws', true, `VPC flow log of ALL traffic (${describeValue(logs[0]!.body.log_destination_type ?? 'cloud-watch-logs')})`, days);
}

function vpcCniPolicy(view: TerraformView): string | undefined {
  const addon = view.resources('aws_eks_addon').find((a) => a.body.addon_name === 'vpc-cni');
  const config = parseJsonAttribute(addon?.body.configuration_values) as { enableNetworkPolicy?: unknown } | undefined;
  return flag(config?.enableNetworkPolicy) ? 'VPC CNI network policy (vpc-cni add-on, enableNetworkPolicy)' : undefined;
}

/** EKS: where each posture item lives in the synthesized AWS resources. */
export const AWS_POSTURE: CloudPosture = {
  clusterType: 'aws_eks_cluster',
  managedPolicyEnforcement: vpcCniPolicy,
  readers: {
    'API endpoint': apiEndpoint,
    'Authentication': authentication,
    'Secrets encryption': secretsEncryption,
    'Control-plane logging': logging,
    'Workload identity': workloadIdentity,
    'Egress IPs': egress,
    'Node metadata': nodeMetadata,
    'Node public IPs': nodePublicIps,
    'Flow logs': flowLogs,
  },
};
