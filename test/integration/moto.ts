import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A running moto_server. */
export interface Moto {
  readonly endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts moto with AWS-managed IAM policies loaded (REFERENCE.md) and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('moto_server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Services the EKS stacks call. */
const ENDPOINT_SERVICES = ['ec2', 'eks', 'iam', 'kms', 'sts', 'logs', 'elbv2', 'autoscaling', 'ssm', 'route53'];

/**
 * Creates public hosted zones in moto, standing in for the zones a cluster's ExternalDNS is
 * given (the cluster stack looks them up; a real account has them already). Uses the boto3 that
 * moto itself depends on, through the same Python.
 */
export function createHostedZones(endpoint: string, zones: readonly string[]): void {
  if (zones.length === 0) return;
  const script = [
    'import boto3, sys',
    "c = boto3.client('route53', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')",
    "for z in sys.argv[2:]: c.create_hosted_zone(Name=z, CallerReference='polycluster-' + z)",
  ].join('\n');
  execFileSync('python3', ['-c', script, endpoint, ...zones], { stdio: 'pipe' });
}

/**
 * A test-only Terraform override file (`*_override.tf.json` merges into the stack) that points the
 * AWS provider at moto and works around what moto does not implement (REFERENCE.md): EKS add-ons
 * and access entries (404), node groups that always report remote access and forget their update
 * config, launch templates that gain a tag specification, a cluster whose access_config it
 * drops and that has no cluster security group. The production JSON is never touched.
 */
export function writeMotoOverride(stackDir: string, stack: Record<string, any>, endpoint: string): void {
  const override: Record<string, any> = {
    provider: {
      aws: [
        {
          access_key: 'test',
          secret_key: 'test',
          allowed_account_ids: null,
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
          endpoints: [Object.fromEntries(ENDPOINT_SERVICES.map((s) => [s, endpoint]))],
        },
      ],
    },
  };
  const resource: Record<string, Record<string, unknown>> = {};
  const data: Record<string, Record<string, unknown>> = {};
  const unsupported = ['aws_eks_addon', 'aws_eks_access_entry', 'aws_eks_access_policy_association'];
  for (const type of unsupported) {
    for (const [name, body] of Object.entries<any>(stack.resource?.[type] ?? {})) (resource[type] ??= {})[name] = disabled(body);
  }
  for (const [name, body] of Object.entries<any>(stack.data?.aws_eks_addon_version ?? {})) (data.aws_eks_addon_version ??= {})[name] = disabled(body);
  for (const name of Object.keys(stack.resource?.aws_eks_cluster ?? {})) {
    (resource.aws_eks_cluster ??= {})[name] = { lifecycle: { ignore_changes: ['access_config'] } };
  }
  for (const [name, group] of Object.entries<any>(stack.resource?.aws_eks_node_group ?? {})) {
    // moto also forgets update_config.
    (resource.aws_eks_node_group ??= {})[name] = { lifecycle: { ignore_changes: [...(group.lifecycle?.ignore_changes ?? []), 'remote_access', 'update_config'] } };
  }
  // moto stores the provider's default tags as an extra `launch-template` tag specification.
  for (const name of Object.keys(stack.resource?.aws_launch_template ?? {})) {
    (resource.aws_launch_template ??= {})[name] = { lifecycle: { ignore_changes: ['tag_specifications'] } };
  }
  // moto creates no EKS cluster security group (cluster_security_group_id is empty): rules for it
  // go to a stand-in group in the same VPC, declared in a test-only file next to the override.
  const standIns: Record<string, unknown> = {};
  const vpc = Object.keys(stack.resource?.aws_vpc ?? {})[0];
  for (const [name, rule] of Object.entries<any>(stack.resource?.aws_vpc_security_group_ingress_rule ?? {})) {
    if (vpc === undefined || !String(rule.security_group_id).includes('cluster_security_group_id')) continue;
    standIns.moto_cluster_security_group = { name: 'moto-cluster-security-group', vpc_id: `\${aws_vpc.${vpc}.id}` };
    (resource.aws_vpc_security_group_ingress_rule ??= {})[name] = { security_group_id: '${aws_security_group.moto_cluster_security_group.id}' };
  }
  writeFileSync(join(stackDir, 'moto_stand_ins.tf.json'), `${JSON.stringify(Object.keys(standIns).length > 0 ? { resource: { aws_security_group: standIns } } : {}, null, 2)}\n`);
  if (Object.keys(resource).length > 0) override.resource = resource;
  if (Object.keys(data).length > 0) override.data = data;
  writeFileSync(join(stackDir, 'moto_override.tf.json'), `${JSON.stringify(override, null, 2)}\n`);
}

/**
 * `count = 0`, and every argument that references another object replaced by a literal: Terraform
 * checks references statically, and a reference to a disabled object needs an index.
 */
function disabled(body: Record<string, unknown>): Record<string, unknown> {
  const replaced: Record<string, unknown> = { count: 0 };
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && value.includes('${')) // Shaped like the real value: the provider validates arguments even at count 0.
      replaced[key] = key.endsWith('_arn') ? 'arn:aws:iam::123456789012:role/not-on-moto' : key === 'addon_version' ? 'v1.0.0-eksbuild.1' : 'not-on-moto';
  }
  return replaced;
}
