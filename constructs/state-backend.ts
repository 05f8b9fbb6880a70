import { posix } from 'node:path';
import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { ResolvedStateBackend } from './spec';

/**
 * Terraform runs each stack inside `cdktf.out/stacks/<stack>/`, so local state paths are written
 * relative to that folder: absolute paths would differ between machines and break determinism.
 */
const STACK_DIR_TO_PROJECT_ROOT = '../../..';

/** Gives a phase stack its own state in the cluster's backend. */
export function configureStateBackend(stack: TerraformStack, stackName: string, backend: ResolvedStateBackend): void {
  switch (backend.kind) {
    case 'local':
      new LocalBackend(stack, {
        path: posix.join(STACK_DIR_TO_PROJECT_ROOT, backend.directory, `terraform.${stackName}.tfstate`),
      });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        region: backend.region,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        encrypt: true,
        ...(backend.kmsKeyId ? { kmsKeyId: backend.kmsKeyId } : {}),
        ...(backend.dynamodbTable ? { dynamodbTable: backend.dynamodbTable } : {}),
      });
      // S3 native locking (Terraform >= 1.10); cdktf 0.21 has no typed field for it.
      if (!backend.dynamodbTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'gcs':
      new GcsBackend(stack, { bucket: backend.bucket, prefix: `${backend.prefix}/${stackName}` });
      return;
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        useAzureadAuth: true,
      });
      return;
  }
}
