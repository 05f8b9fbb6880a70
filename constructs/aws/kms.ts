import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import type { Account } from './account';
import { policyDocument } from './policy-document';

/**
 * The cluster's customer-managed keys, both with yearly rotation: one for Kubernetes secrets
 * (EKS envelope encryption), one for its CloudWatch log groups (control plane and flow logs).
 * Deleting a key makes what it encrypted unreadable, so keys wait 30 days before deletion.
 */
export class ClusterKeys extends Construct {
  readonly secrets: KmsKey;
  readonly logs: KmsKey;

  constructor(scope: Construct, id: string, cluster: ResolvedCluster, account: Account) {
    super(scope, id);
    const root = `arn:${account.partition}:iam::${account.id}:root`;
    const keyAdmin = { sid: 'AccountAdministers', effect: 'Allow', actions: ['kms:*'], resources: ['*'], principals: [{ type: 'AWS', identifiers: [root] }] };

    this.secrets = new KmsKey(this, 'Secrets', {
      description: `EKS secrets encryption for ${cluster.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument(this, 'SecretsPolicy', [keyAdmin]).json,
    });
    new KmsAlias(this, 'SecretsAlias', { name: `alias/${cluster.name}-eks-secrets`, targetKeyId: this.secrets.keyId });

    // CloudWatch Logs uses the key on behalf of the account, only for this account's log groups.
    const logsPolicy = policyDocument(this, 'LogsPolicy', [
      keyAdmin,
      {
        sid: 'CloudWatchLogsEncrypts',
        effect: 'Allow',
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        principals: [{ type: 'Service', identifiers: [`logs.${cluster.region}.${account.dnsSuffix}`] }],
        condition: [
          {
            test: 'ArnLike',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: [`arn:${account.partition}:logs:${cluster.region}:${account.id}:log-group:*`],
          },
        ],
      },
    ]);
    this.logs = new KmsKey(this, 'Logs', {
      description: `CloudWatch log encryption for ${cluster.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: logsPolicy.json,
    });
    new KmsAlias(this, 'LogsAlias', { name: `alias/${cluster.name}-logs`, targetKeyId: this.logs.keyId });
  }
}
