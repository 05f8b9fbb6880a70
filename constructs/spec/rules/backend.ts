import type { Rule } from './context';

export const stateBackendRule: Rule = ({ draft, problems }) => {
  const backend = draft.stateBackend;
  const keyPrefix = (path: string, value: string): void => {
    if (value === '' || value.startsWith('/') || value.endsWith('/')) {
      problems.add(path, value, 'must be a non-empty path without a leading or trailing /', 'use e.g. polycluster or teams/platform');
    }
  };
  switch (backend.kind) {
    case 'local':
      if (backend.directory.startsWith('/') || /^[A-Za-z]:[\\/]/.test(backend.directory)) {
        problems.add('stateBackend.directory', backend.directory, 'is an absolute path, which makes the synthesized output differ between machines', 'use a path relative to the project root, e.g. state');
      }
      break;
    case 's3':
      if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(backend.bucket) || backend.bucket.includes('..')) {
        problems.add('stateBackend.bucket', backend.bucket, 'is not a valid S3 bucket name (3-63 lowercase letters, digits, . and -)', 'use the bucket name without s3:// or a path');
      }
      if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(backend.region)) {
        problems.add('stateBackend.region', backend.region, 'is not an AWS region', 'use the bucket region, e.g. eu-west-1');
      }
      if (backend.dynamodbTable !== undefined && !/^[a-zA-Z0-9_.-]{3,255}$/.test(backend.dynamodbTable)) {
        problems.add('stateBackend.dynamodbTable', backend.dynamodbTable, 'is not a valid DynamoDB table name', 'use 3-255 letters, digits, _, - and ., or leave it out for S3 native locking');
      }
      keyPrefix('stateBackend.keyPrefix', backend.keyPrefix);
      break;
    case 'gcs':
      if (!/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(backend.bucket)) {
        problems.add('stateBackend.bucket', backend.bucket, 'is not a valid GCS bucket name (3-63 lowercase letters, digits, ., _ and -)', 'use the bucket name without gs://');
      }
      keyPrefix('stateBackend.prefix', backend.prefix);
      break;
    case 'azurerm':
      if (!/^[a-z0-9]{3,24}$/.test(backend.storageAccountName)) {
        problems.add('stateBackend.storageAccountName', backend.storageAccountName, 'is not a valid storage account name (3-24 lowercase letters and digits)', 'use the account name only');
      }
      if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(backend.containerName)) {
        problems.add('stateBackend.containerName', backend.containerName, 'is not a valid container name (3-63 lowercase letters, digits and single -)', 'use e.g. tfstate');
      }
      if (!/^[-\w.()]{1,90}$/.test(backend.resourceGroupName) || backend.resourceGroupName.endsWith('.')) {
        problems.add('stateBackend.resourceGroupName', backend.resourceGroupName, 'is not a valid resource group name', 'use the resource group of the storage account');
      }
      keyPrefix('stateBackend.keyPrefix', backend.keyPrefix);
      break;
  }
};
