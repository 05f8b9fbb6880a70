import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Construct } from 'constructs';

/** The account and partition the stack deploys into, for ARNs and key policies. */
export class Account extends Construct {
  readonly id: string;
  readonly partition: string;
  readonly dnsSuffix: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, 'Identity');
    const partition = new DataAwsPartition(this, 'Partition');
    this.id = identity.accountId;
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
  }

  /** `arn:<partition>:iam::aws:policy/<name>`: an AWS-managed policy. */
  managedPolicy(name: string): string {
    return `arn:${this.partition}:iam::aws:policy/${name}`;
  }
}
