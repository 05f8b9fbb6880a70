import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { CHART_IMAGES, type ResolvedCluster } from '../../spec';
import { CHARTS } from '../charts';
import { HelmAddon } from '../helm-addon';
import { imageValues } from '../images';

export const EXTERNAL_DNS_RELEASE = { name: 'external-dns', namespace: 'external-dns', serviceAccount: 'external-dns' } as const;

/** The cloud side of ExternalDNS: its DNS provider, its workload identity and its arguments. */
export interface ExternalDnsProvider {
  /** `provider.name` of the chart. */
  readonly name: 'aws' | 'google' | 'azure' | 'azure-private-dns';
  /** Provider flags without the leading `--`, e.g. `{ "aws-zone-type": "private" }`. */
  readonly args: Readonly<Record<string, string | readonly string[]>>;
  /** Service account annotations that bind the workload identity. */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Pod labels the identity webhook looks for (AKS workload identity). */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Extra volumes and mounts (the Azure provider reads its settings from a file). */
  readonly volumes?: readonly {
    /** A pod volume, as in the chart's `extraVolumes`. */
    readonly volume: Record<string, unknown>;
    /** Its mount in the container, as in `extraVolumeMounts`. */
    readonly mount: Record<string, unknown>;
  }[];
}

/**
 * Chart values of ExternalDNS for the spec's `ingress.externalDnsZones`: records for Services,
 * Ingresses and, where the cluster has the Gateway API, HTTPRoutes, only inside the named zones.
 * `sync` removes records when their Service or route goes away, but only records whose TXT owner
 * record names this cluster, so clusters sharing a zone never delete each other's records.
 */
export function externalDnsValues(cluster: ResolvedCluster, provider: ExternalDnsProvider): Record<string, unknown> {
  const gatewayApi = cluster.ingress.classes.gatewayClass !== undefined;
  const volumes = provider.volumes ?? [];
  return {
    ...imageValues(CHART_IMAGES['external-dns'].controller, cluster.egress.registryMirrors),
    provider: { name: provider.name },
    sources: ['service', 'ingress', ...(gatewayApi ? ['gateway-httproute'] : [])],
    domainFilters: [...cluster.ingress.externalDnsZones],
    policy: 'sync',
    registry: 'txt',
    txtOwnerId: cluster.name,
    // A prefix keeps the ownership TXT record off the name itself, where a CNAME cannot coexist.
    txtPrefix: 'extdns-',
    interval: '1m',
    extraArgs: Object.fromEntries(Object.entries(provider.args).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    serviceAccount: { create: true, name: EXTERNAL_DNS_RELEASE.serviceAccount, annotations: { ...provider.serviceAccountAnnotations } },
    ...(provider.podLabels ? { podLabels: { ...provider.podLabels } } : {}),
    ...(volumes.length > 0 ? { extraVolumes: volumes.map((v) => v.volume), extraVolumeMounts: volumes.map((v) => v.mount) } : {}),
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  };
}

/** Options of the ExternalDNS release. */
export interface ExternalDnsAddonOptions {
  /** False when the cloud created the namespace first (to put a settings file in it). */
  readonly createNamespace?: boolean;
  /** What the release waits for, e.g. the namespace and settings file the cloud made for it. */
  readonly dependsOn?: ITerraformDependable[];
}

/** ExternalDNS in the platform stack. */
export class ExternalDnsAddon extends HelmAddon {
  constructor(scope: Construct, id: string, cluster: ResolvedCluster, provider: ExternalDnsProvider, options: ExternalDnsAddonOptions = {}) {
    super(scope, id, {
      chart: CHARTS.externalDns,
      releaseName: EXTERNAL_DNS_RELEASE.name,
      namespace: EXTERNAL_DNS_RELEASE.namespace,
      values: externalDnsValues(cluster, provider),
      wait: true,
      ...(options.createNamespace !== undefined ? { createNamespace: options.createNamespace } : {}),
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    });
  }
}
