import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../spec';
import { projectOf } from './names';

/** The APIs the cluster stacks call, by construct id (the id is the Terraform address: keep it). */
export const REQUIRED_SERVICES = {
  Compute: 'compute.googleapis.com',
  Container: 'container.googleapis.com',
  Kms: 'cloudkms.googleapis.com',
  Logging: 'logging.googleapis.com',
  Monitoring: 'monitoring.googleapis.com',
  Iam: 'iam.googleapis.com',
} as const;

/**
 * Enables the APIs the cluster needs, so a fresh project deploys in one run; enabling the
 * Kubernetes Engine API also creates the GKE service agent that the KMS key is granted to.
 * Nothing is disabled on destroy: other workloads of the project may use the same APIs.
 */
export class ProjectServices extends Construct {
  /** One enabled API per entry of `REQUIRED_SERVICES`. */
  readonly services: ProjectService[];

  constructor(scope: Construct, id: string, cluster: ResolvedCluster) {
    super(scope, id);
    const project = projectOf(cluster);
    this.services = Object.entries(REQUIRED_SERVICES).map(
      ([serviceId, service]) =>
        new ProjectService(this, serviceId, { project, service, disableOnDestroy: false, disableDependentServices: false }),
    );
  }
}
