import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { Construct } from 'constructs';

/** An IAM policy document built by the provider's own data source, never a hand-written JSON string. */
export function policyDocument(scope: Construct, id: string, statements: DataAwsIamPolicyDocumentStatement[]): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, { statement: statements });
}

/** A trust policy letting an AWS service assume a role. */
export function serviceTrust(scope: Construct, id: string, service: string): DataAwsIamPolicyDocument {
  return policyDocument(scope, id, [
    { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: [service] }] },
  ]);
}
