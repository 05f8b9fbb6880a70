import {
  CERT_MANAGER,
  chartsOf,
  defaultFor,
  INGRESS_CONTROLLER_NAMESPACES,
  mirroredRepository,
  registryOf,
  type AllowanceSpec,
  type ChartName,
  type EgressAllowanceSpec,
  type PortSpec,
  type Problem,
  type ResolvedCluster,
  type ResolvedNamespace,
  type ResolvedPort,
} from '../spec';
import { cidrContains, cidrProblem } from '../spec/cidr';
import { metadataCidrs } from '../spec/network-policy';
import { DNS_LABEL, isLabelValue, labelKeyProblem } from '../spec/rules/patterns';
import type { HelmChart } from './charts';

/**
 * An extra Helm add-on, installed the way polycluster installs its own: a pinned chart, values
 * rendered as one reviewable document from the resolved cluster, its own namespace with the
 * baseline NetworkPolicies (default deny, DNS, same namespace) plus the traffic it declares, image
 * mirrors from `egress.registryMirrors`, and ordering after the built-in releases it names.
 * Attach add-ons with `defineFleet(app, fleet, { addons })` or `defineCluster(scope, spec, { addons })`.
 */
export interface PolyClusterAddon {
  /** Helm release name, also part of its Terraform address: renaming reinstalls it. A DNS label of at most 53 characters. */
  readonly name: string;
  /** The chart, pinned: `https://` or `oci://` repository, chart name, exact version (`1.2.3`, `v1.2.3`). */
  readonly chart: HelmChart;
  /** The namespace the add-on owns: created with the release, labelled, with the baseline policies. */
  readonly namespace: string;
  /**
   * Extra labels on the namespace, e.g. `pod-security.kubernetes.io/enforce: restricted`.
   * @default {}
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Upstream image repositories the chart pulls (`quay.io/prometheus/prometheus`), without tag:
   * with `egress.nat: none` each registry needs a mirror, and `AddonContext.image` maps them.
   * @default []
   */
  readonly images?: readonly string[];
  /** The chart values for one cluster. Must be a pure function of its context. */
  readonly values: (context: AddonContext) => Readonly<Record<string, unknown>>;
  /**
   * Dot path in the values where the chart takes labels for all its objects
   * (`commonLabels`, `global.commonLabels`); the spec's `kubernetesLabels` go there.
   * @default none: the chart's objects get no organisation labels
   */
  readonly commonLabelsKey?: string;
  /**
   * Releases to install first, by release name: built-in ones the cluster has
   * (`cert-manager`, `aws-load-balancer-controller`, ...) or extra add-ons listed earlier.
   * @default []
   */
  readonly dependsOn?: readonly string[];
  /**
   * Traffic the add-on's namespace allows on top of the baseline.
   * @default {}
   */
  readonly network?: AddonNetwork;
  /**
   * Wait for the release's workloads to become ready (and roll back if they do not).
   * @default true
   */
  readonly wait?: boolean;
}

/** The traffic an add-on's namespace needs besides the baseline, in the spec's terms. */
export interface AddonNetwork {
  /**
   * Ingress allowances, as `namespaces[].allow` (an app named in `to` receives only these).
   * @default []
   */
  readonly allow?: readonly AllowanceSpec[];
  /**
   * Egress to destinations outside the cluster, as `namespaces[].egress`.
   * @default []
   */
  readonly egress?: readonly EgressAllowanceSpec[];
  /**
   * Egress from every pod of the namespace to the Kubernetes API server (controllers, operators).
   * @default false
   */
  readonly apiServer?: boolean;
  /**
   * Admission webhooks the API server calls: the serving app and its pod port.
   * @default []
   */
  readonly webhooks?: readonly AddonWebhook[];
  /**
   * Reachable from the ingress controller and the cloud load balancers, as `namespaces[].exposed`.
   * @default false
   */
  readonly exposed?: boolean;
}

/** An admission webhook served by the pods of one app. */
export interface AddonWebhook {
  /** The serving pods' `app.kubernetes.io/name`. */
  readonly app: string;
  /** The port the webhook listens on, on the pod. */
  readonly port: number;
}

/** What an add-on's `values` function gets. */
export interface AddonContext {
  /** The cluster the add-on is installed on. */
  readonly cluster: ResolvedCluster;
  /**
   * The repository to pull an upstream image repository from: its mirror under
   * `egress.registryMirrors`, or the upstream itself. Throws for an image not listed in `images`,
   * so the mirror checks can never miss one the values use.
   */
  image(upstream: string): string;
}

/** Release names of the built-in charts, by chart. */
export const BUILT_IN_RELEASES: { readonly [C in ChartName]: string } = {
  cilium: 'cilium',
  'tigera-operator': 'calico',
  'cluster-autoscaler': 'cluster-autoscaler',
  'aws-load-balancer-controller': 'aws-load-balancer-controller',
  traefik: 'traefik',
  'nginx-ingress': 'nginx-ingress',
  'external-dns': 'external-dns',
  'cert-manager': 'cert-manager',
};

/** Namespaces Kubernetes, the clouds and the built-in charts own; no add-on may take one. */
const OWNED_NAMESPACES = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'tigera-operator',
  'calico-system',
  'calico-apiserver',
  'external-dns',
  'polycluster-ingress',
  CERT_MANAGER.namespace,
  ...Object.values(INGRESS_CONTROLLER_NAMESPACES).filter((n): n is string => n !== undefined),
]);

/** Helm's limit on release names. */
const RELEASE_NAME_MAX = 53;
/** An exact SemVer 2 version, with Helm's optional `v`. */
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const CHART_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;
const REPOSITORY = /^(https|oci):\/\/[^\s/]+(\/\S*)?$/;
/** An image repository with its registry host and without a tag or digest. */
const IMAGE = /^[a-z0-9.-]+(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$/;
const DOT_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** An add-on after checking, with its values computed for one cluster. */
export interface PreparedAddon {
  /** The add-on as given. */
  readonly addon: PolyClusterAddon;
  /** Its values for the cluster, computed once while checking. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The outcome of checking a cluster's add-ons. */
export type AddonCheck =
  | {
      /** Every add-on passed. */
      readonly ok: true;
      /** The add-ons in the order given, with their values for the cluster. */
      readonly addons: readonly PreparedAddon[];
    }
  | {
      /** At least one add-on has a problem. */
      readonly ok: false;
      /** Every problem found, in add-on order. */
      readonly problems: readonly Problem[];
    };

/** Where an add-on's problems are reported: `addons.<name>`, or its position without a usable name. */
const addonPath = (addon: PolyClusterAddon, i: number): string => (typeof addon?.name === 'string' && addon.name !== '' ? `addons.${addon.name}` : `addons[${i}]`);

/** The context of an add-on's `values` function on a cluster. */
export function addonContext(addon: PolyClusterAddon, cluster: ResolvedCluster): AddonContext {
  const declared = addon.images ?? [];
  return {
    cluster,
    image(upstream: string): string {
      if (!declared.includes(upstream)) {
        throw new Error(`image ${upstream} is not listed in the add-on's images (${declared.join(', ') || 'none'}); list every image the values use, so mirrors are checked`);
      }
      return mirroredRepository(upstream, cluster.egress.registryMirrors);
    },
  };
}

/**
 * Checks the add-ons of one cluster before anything is built and computes their values. Every
 * problem comes in the spec's format, located under `addons.<name>`: an unpinned or floating
 * chart, a name or namespace that clashes with a built-in, a missing mirror under `egress.nat:
 * none`, a `dependsOn` the cluster does not install, a bad allowance, a failing `values`.
 */
export function checkAddons(cluster: ResolvedCluster, addons: readonly PolyClusterAddon[]): AddonCheck {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, rule: string, fix: string): void => void problems.push({ path, value, rule, fix });
  const builtIn = Object.values(BUILT_IN_RELEASES);
  const installed = chartsOf(cluster.cloud, cluster.cni.cell, cluster).map((chart) => BUILT_IN_RELEASES[chart]);
  const prepared: PreparedAddon[] = [];
  addons.forEach((addon, i) => {
    const at = (field: string): string => `${addonPath(addon, i)}.${field}`;
    const { name, chart, namespace } = addon;
    if (typeof name !== 'string' || !DNS_LABEL.test(name) || name.length > RELEASE_NAME_MAX) {
      add(at('name'), name, `is not a Helm release name (a DNS label of at most ${RELEASE_NAME_MAX} characters)`, 'use lowercase letters, digits and -, e.g. kube-prometheus-stack');
    } else if (builtIn.includes(name)) {
      add(at('name'), name, 'is the release name of a built-in add-on', `choose another name; built-in releases: ${builtIn.join(', ')}`);
    } else if (addons.findIndex((other) => other.name === name) !== i) {
      add(at('name'), name, 'is used by another add-on', 'give every add-on its own release name');
    }
    checkChart(chart, at, add);
    if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace)) {
      add(at('namespace'), namespace, 'is not a namespace name (a DNS label)', 'use lowercase letters, digits and -, e.g. monitoring');
    } else if (OWNED_NAMESPACES.has(namespace) || namespace.startsWith('kube-')) {
      add(at('namespace'), namespace, 'is owned by Kubernetes or a built-in add-on, whose policies would clash', 'install the add-on into a namespace of its own, e.g. its release name');
    } else if (cluster.namespaces.some((ns) => ns.name === namespace)) {
      add(at('namespace'), namespace, 'is a namespace the spec manages (namespaces[]); it would be created twice', 'install the add-on into a namespace of its own');
    }
    for (const [key, value] of Object.entries(addon.namespaceLabels ?? {})) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) add(at(`namespaceLabels.${key}`), key, keyProblem, 'use a valid label key such as team');
      else if (key.startsWith('polycluster.io/')) add(at(`namespaceLabels.${key}`), key, 'is a label polycluster sets itself', 'remove it; set network.exposed to open the namespace to the ingress controller');
      if (!isLabelValue(value)) add(at(`namespaceLabels.${key}`), value, 'is not a valid label value', 'use at most 63 alphanumerics, -, _ and .');
    }
    (addon.images ?? []).forEach((image, m) => {
      if (!IMAGE.test(image) || !/[.:]|^localhost\//.test(registryOf(image))) {
        add(at(`images[${m}]`), image, 'is not an image repository with its registry host and without a tag', 'write e.g. quay.io/prometheus/prometheus (the chart pins the tag)');
      } else if (cluster.egress.nat === 'none' && cluster.egress.registryMirrors[registryOf(image)] === undefined) {
        add(
          'egress.registryMirrors',
          cluster.egress.registryMirrors,
          `has no mirror for ${registryOf(image)}, which the add-on ${name} pulls from; with egress.nat none nodes cannot reach it`,
          `add "${registryOf(image)}": "<your mirror>" (an ECR pull-through cache rule, an Artifact Registry remote repository, or your own mirror)`,
        );
      }
    });
    if (addon.commonLabelsKey !== undefined && !DOT_PATH.test(addon.commonLabelsKey)) {
      add(at('commonLabelsKey'), addon.commonLabelsKey, 'is not a dot path into the chart values', 'write e.g. commonLabels or global.commonLabels');
    }
    (addon.dependsOn ?? []).forEach((dependency, d) => {
      const earlier = addons.slice(0, i).map((a) => a.name);
      if (installed.includes(dependency) || earlier.includes(dependency)) return;
      const why = builtIn.includes(dependency) ? 'is a built-in add-on this cluster does not install' : 'is not a release installed before this add-on';
      add(at(`dependsOn[${d}]`), dependency, why, `name one of: ${[...installed, ...earlier].join(', ') || 'none'}`);
    });
    checkNetwork(addon.network ?? {}, cluster, at, add);
    if (typeof addon.values !== 'function') {
      add(at('values'), addon.values, 'is not a function of the cluster', 'write values: ({ cluster, image }) => ({ ... })');
      return;
    }
    try {
      prepared.push({ addon, values: addon.values(addonContext(addon, cluster)) });
    } catch (error) {
      add(at('values'), `(${cluster.name})`, `failed: ${error instanceof Error ? error.message : String(error)}`, 'make values a pure function of its context that returns the chart values');
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, addons: prepared };
}

function checkChart(chart: HelmChart | undefined, at: (field: string) => string, add: (path: string, value: unknown, rule: string, fix: string) => void): void {
  if (typeof chart !== 'object' || chart === null) {
    add(at('chart'), chart, 'is not a pinned chart', 'write chart: { repository, chart, version }');
    return;
  }
  if (typeof chart.repository !== 'string' || !REPOSITORY.test(chart.repository)) {
    add(at('chart.repository'), chart.repository, 'is not a chart repository URL (https:// or oci://): without one the chart is unpinned, whatever repository alias or local folder the deployer has', 'name the repository, e.g. https://prometheus-community.github.io/helm-charts');
  }
  if (typeof chart.chart !== 'string' || !CHART_NAME.test(chart.chart)) {
    add(at('chart.chart'), chart.chart, 'is not a chart name (a repository alias or path does not pin the chart)', 'write the chart name alone, e.g. kube-prometheus-stack, and its repository in chart.repository');
  }
  if (chart.version === undefined || chart.version === '') {
    add(at('chart.version'), chart.version, 'is required: an add-on installs one exact chart version', 'pin the version, e.g. 1.2.3');
  } else if (typeof chart.version !== 'string' || !EXACT_VERSION.test(chart.version)) {
    add(at('chart.version'), chart.version, 'is not an exact chart version: a range or tag floats, so two synths could install different charts', 'pin one version, e.g. 1.2.3');
  }
}

function checkPorts(ports: readonly PortSpec[] | undefined, where: string, add: (path: string, value: unknown, rule: string, fix: string) => void): void {
  if (!Array.isArray(ports) || ports.length === 0) {
    add(`${where}.ports`, ports ?? [], 'is empty, so the allowance would allow nothing', 'list the ports, e.g. [{ port: 8443 }]');
    return;
  }
  ports.forEach((p, k) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) add(`${where}.ports[${k}].port`, p.port, 'is not a port (1-65535)', 'use a port number from 1 to 65535');
  });
}

function checkNetwork(network: AddonNetwork, cluster: ResolvedCluster, at: (field: string) => string, add: (path: string, value: unknown, rule: string, fix: string) => void): void {
  (network.allow ?? []).forEach((allowance, a) => {
    const where = at(`network.allow[${a}]`);
    if (!DNS_LABEL.test(allowance.to?.app ?? '')) add(`${where}.to.app`, allowance.to?.app, 'is not an app name polycluster can use (a DNS label, as it names the app\'s policy)', "use the value of the pods' app.kubernetes.io/name label");
    const from = allowance.from ?? {};
    if (from.cidr !== undefined) {
      const problem = cidrProblem(from.cidr);
      if (problem) add(`${where}.from.cidr`, from.cidr, problem, 'write an IPv4 CIDR such as 10.0.0.0/16');
      if (from.namespace !== undefined || from.app !== undefined) add(`${where}.from`, from, 'names both addresses (cidr) and pods (namespace/app)', 'split it into two allowances');
    }
    if (from.namespace !== undefined && !DNS_LABEL.test(from.namespace)) add(`${where}.from.namespace`, from.namespace, 'is not a namespace name', 'use the namespace of the calling pods');
    checkPorts(allowance.ports, where, add);
  });
  (network.egress ?? []).forEach((egress, e) => {
    const where = at(`network.egress[${e}]`);
    if ((egress.cidr === undefined) === (egress.fqdns === undefined)) {
      add(where, egress, 'needs exactly one destination: cidr or fqdns', 'write either cidr or fqdns, one per allowance');
    }
    if (egress.cidr !== undefined) {
      const problem = cidrProblem(egress.cidr);
      if (problem) add(`${where}.cidr`, egress.cidr, problem, 'write an IPv4 CIDR such as 203.0.113.0/24');
      // Add-on namespaces keep the metadata server closed (no opt-out): node credentials stay off pods.
      else if (metadataCidrs(cluster.cloud).some((m) => cidrContains(m, egress.cidr!))) {
        add(`${where}.cidr`, egress.cidr, 'is the cloud metadata address, which add-on namespaces keep closed', 'remove the allowance; give the add-on a workload identity instead of node credentials');
      }
    }
    if (egress.fqdns !== undefined && cluster.cni.cell.fqdnEgress.support === 'never') {
      add(`${where}.fqdns`, egress.fqdns, `cannot be enforced with ${cluster.cni.kind} mode ${cluster.cni.mode} on ${cluster.cloud}: ${cluster.cni.cell.fqdnEgress.reason}`, 'use cidr destinations instead');
    }
    checkPorts(egress.ports, where, add);
  });
  (network.webhooks ?? []).forEach((webhook, w) => {
    const where = at(`network.webhooks[${w}]`);
    if (!DNS_LABEL.test(webhook.app ?? '')) add(`${where}.app`, webhook.app, 'is not an app name (a DNS label)', "use the value of the webhook pods' app.kubernetes.io/name label");
    if (!Number.isInteger(webhook.port) || webhook.port < 1 || webhook.port > 65535) add(`${where}.port`, webhook.port, 'is not a port (1-65535)', 'use the port the webhook listens on in the pod');
  });
}

const resolvePorts = (ports: readonly PortSpec[], protocol: ResolvedPort['protocol']): ResolvedPort[] => ports.map((p) => ({ port: p.port, protocol: p.protocol ?? protocol }));

/**
 * The namespaces of a cluster's add-ons, as managed namespaces with the baseline: one per
 * namespace, with the traffic of every add-on installed there. Metadata blocking follows the
 * cloud's default for managed namespaces.
 */
export function addonNamespaces(cluster: ResolvedCluster, addons: readonly PolyClusterAddon[]): ResolvedNamespace[] {
  const protocol = defaultFor('ports[].protocol', cluster.cloud, cluster.profile) as ResolvedPort['protocol'];
  const names = [...new Set(addons.map((a) => a.namespace))];
  return names.map((name) => {
    const here = addons.filter((a) => a.namespace === name);
    return {
      name,
      labels: Object.assign({}, ...here.map((a) => a.namespaceLabels ?? {})) as Record<string, string>,
      baseline: true,
      exposed: here.some((a) => a.network?.exposed === true),
      denyMetadata: defaultFor('namespaces[].denyMetadata', cluster.cloud, cluster.profile) as boolean,
      allow: here.flatMap((a) => a.network?.allow ?? []).map((a) => ({ ...a, ports: resolvePorts(a.ports, protocol) })),
      egress: here.flatMap((a) => a.network?.egress ?? []).map((e) => ({ ...e, ports: resolvePorts(e.ports, protocol) })),
    };
  });
}

/**
 * Which extra add-ons a cluster gets: the same list for every cluster, or a function of the
 * resolved cluster (by cloud, name, profile, ...).
 */
export type AddonSelection = readonly PolyClusterAddon[] | ((cluster: ResolvedCluster) => readonly PolyClusterAddon[]);

/** The extra add-ons a selection gives one cluster. */
export function addonsFor(selection: AddonSelection | undefined, cluster: ResolvedCluster): readonly PolyClusterAddon[] {
  if (selection === undefined) return [];
  return typeof selection === 'function' ? selection(cluster) : selection;
}
