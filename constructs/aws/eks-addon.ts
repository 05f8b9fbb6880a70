import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface ManagedAddonProps {
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  /** EKS add-on name: `vpc-cni`, `kube-proxy`, `coredns`. */
  readonly addonName: string;
  /** Add-on configuration, validated by EKS against the add-on's schema. */
  readonly configuration?: Readonly<Record<string, unknown>>;
  /** IRSA role of the add-on's service account. */
  readonly serviceAccountRoleArn?: string;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An EKS managed add-on at the version EKS marks as default for the cluster's Kubernetes version,
 * so a version bump of the cluster moves its add-ons along. Our configuration wins over edits
 * made in the cluster (OVERWRITE): the spec is the source of truth.
 */
export class ManagedAddon extends Construct {
  readonly addon: EksAddon;

  constructor(scope: Construct, id: string, props: ManagedAddonProps) {
    super(scope, id);
    const version = new DataAwsEksAddonVersion(this, 'Version', { addonName: props.addonName, kubernetesVersion: props.kubernetesVersion, mostRecent: false });
    this.addon = new EksAddon(this, 'Addon', {
      clusterName: props.clusterName,
      addonName: props.addonName,
      addonVersion: version.version,
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      ...(props.configuration ? { configurationValues: JSON.stringify(props.configuration) } : {}),
      ...(props.serviceAccountRoleArn ? { serviceAccountRoleArn: props.serviceAccountRoleArn } : {}),
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    });
  }
}
