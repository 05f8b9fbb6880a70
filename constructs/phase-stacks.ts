import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Phase, ResolvedCluster } from './spec';
import { configureStateBackend } from './state-backend';

/**
 * The phase stacks of one cluster (DESIGN.md): `<name>-cluster`, `<name>-cni` (self-installed
 * CNI only), `<name>-nodes`, `<name>-platform`, `<name>-policies`, each depending on the one
 * before it and each with its own state. Stack ids become folder names and state keys:
 * renaming one orphans its state, so they are derived from the cluster name only.
 */
export class PhaseStacks {
  /** `<name>-cluster`: network, control plane, encryption keys, logging, add-on identities. */
  readonly cluster: TerraformStack;
  /** `<name>-cni`: the self-installed CNI chart; absent when the cloud's networking needs no chart. */
  readonly cni?: TerraformStack;
  /** `<name>-nodes`: node groups or pools. */
  readonly nodes: TerraformStack;
  /** `<name>-platform`: autoscaler, load balancer and ingress controllers, cert-manager. */
  readonly platform?: TerraformStack;
  /** `<name>-policies`: the Kubernetes manifests (NetworkPolicies, ClusterIssuers). */
  readonly policies?: TerraformStack;

  constructor(scope: Construct, resolved: ResolvedCluster) {
    const made = new Map<Phase, TerraformStack>();
    let previous: TerraformStack | undefined;
    for (const phase of resolved.phases) {
      const name = PhaseStacks.stackName(resolved.name, phase);
      const stack = new TerraformStack(scope, name);
      configureStateBackend(stack, name, resolved.stateBackend);
      // Order holds even where no cross-stack reference implies it (nodes after the CNI).
      if (previous) stack.addDependency(previous);
      made.set(phase, stack);
      previous = stack;
    }
    this.cluster = made.get('cluster')!;
    this.nodes = made.get('nodes')!;
    const cni = made.get('cni');
    const platform = made.get('platform');
    const policies = made.get('policies');
    if (cni) this.cni = cni;
    if (platform) this.platform = platform;
    if (policies) this.policies = policies;

    // Every relaxation and opt-out shows in the output a reviewer and `cdktf deploy` print.
    new TerraformOutput(this.cluster, 'polycluster_posture_exceptions', {
      description: 'Departures from the production defaults: development relaxations and explicit spec opt-outs',
      value: resolved.exceptions.map((e) => ({
        path: e.path,
        value: JSON.stringify(e.value),
        secure_value: JSON.stringify(e.secureValue),
        source: e.source,
        effect: e.effect,
      })),
    });
  }

  /** `<cluster>-<phase>`. */
  static stackName(cluster: string, phase: Phase): string {
    return `${cluster}-${phase}`;
  }

  /** The stacks in deploy order. */
  all(): TerraformStack[] {
    return [this.cluster, this.cni, this.nodes, this.platform, this.policies].filter((s): s is TerraformStack => s !== undefined);
  }
}
