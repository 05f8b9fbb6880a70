import type { ITerraformDependable } from 'cdktf';

/** What a cloud adds to the in-cluster ingress controller. */
export interface IngressControllerOptions {
  /** Annotations on the controller's Service beyond the exposure's, e.g. AKS's static public IP. */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** What must run first, e.g. the AWS Load Balancer Controller, whose webhook claims the Service. */
  readonly dependsOn?: ITerraformDependable[];
}
