import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { projectOf, type GkeNames } from './names';

/** Every 90 days a new key version encrypts new writes; old versions still decrypt. */
export const SECRETS_KEY_ROTATION = '7776000s';

/** Destroyed key versions stay restorable this long (the API default, written down). */
export const SECRETS_KEY_DESTROY_DELAY = '2592000s';

/** The role that lets GKE encrypt and decrypt Secrets with the key. */
export const KMS_ENCRYPTER_DECRYPTER = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** Properties of `SecretsKey`. */
export interface SecretsKeyProps {
  /** The resolved cluster: the only input. */
  readonly cluster: ResolvedCluster;
  /** Resource names derived from the cluster name. */
  readonly names: GkeNames;
  /** The KMS and Kubernetes Engine APIs must be on (the latter creates the GKE service agent). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The Cloud KMS key GKE encrypts Kubernetes Secrets with (application-layer secrets encryption),
 * in the cluster's region as GKE requires, rotated every 90 days, usable only by the project's
 * GKE service agent. Key rings and keys cannot be deleted in GCP: destroying the stack disables
 * the key versions, and a cluster recreated under the same name must import the ring and key.
 */
export class SecretsKey extends Construct {
  /** The regional key ring. */
  readonly keyRing: KmsKeyRing;
  /** The rotated key that encrypts Secrets. */
  readonly key: KmsCryptoKey;
  /** The grant the cluster must wait for: without it, cluster creation fails. */
  readonly serviceAgentAccess: KmsCryptoKeyIamMember;
  /** `service-<project number>@container-engine-robot.iam.gserviceaccount.com`. */
  readonly serviceAgent: string;

  constructor(scope: Construct, id: string, props: SecretsKeyProps) {
    super(scope, id);
    const { cluster, names } = props;
    const project = new DataGoogleProject(this, 'Project', { projectId: projectOf(cluster) });
    this.keyRing = new KmsKeyRing(this, 'KeyRing', {
      name: names.keyRing,
      location: cluster.region,
      dependsOn: props.dependsOn,
    });
    this.key = new KmsCryptoKey(this, 'Key', {
      name: names.secretsKey,
      keyRing: this.keyRing.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: SECRETS_KEY_ROTATION,
      destroyScheduledDuration: SECRETS_KEY_DESTROY_DELAY,
      versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'SOFTWARE' },
    });
    this.serviceAgent = `service-${project.number}@container-engine-robot.iam.gserviceaccount.com`;
    // A member, not a binding: a binding would own the role on the key and drop other holders.
    this.serviceAgentAccess = new KmsCryptoKeyIamMember(this, 'ServiceAgentAccess', {
      cryptoKeyId: this.key.id,
      role: KMS_ENCRYPTER_DECRYPTER,
      member: `serviceAccount:${this.serviceAgent}`,
    });
  }
}
