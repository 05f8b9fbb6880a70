import type { ClusterSpec, FleetSpec, SpecDefaults } from '../constructs';

/**
 * Organisation defaults for every cluster of this repository, merged under each spec by
 * defineFleet (see mergeSpecs for the rules).
 */
export const organisationDefaults: SpecDefaults = {
  profile: 'production',
  tags: { owner: 'platform-team', 'managed-by': 'polycluster' },
};

/** Access of the EKS examples deployed from a runner inside the VPC, without a named deployer. */
const IN_VPC_ACCESS: ClusterSpec['access'] = { admins: ['arn:aws:iam::111122223333:role/platform-admins'], deployer: { network: { from: 'network' } } };

/** EKS examples: the VPC CNI with network policy enforcement, and every self-installed CNI mode. */
export const awsClusters: readonly ClusterSpec[] = [
  {
    name: 'eks-vpc-cni-prod',
    cloud: 'aws',
    region: 'eu-west-1',
    network: { vpcCidr: '10.10.0.0/16' },
    access: {
      admins: ['arn:aws:iam::111122223333:role/platform-admins'],
      deployer: { network: { from: 'network' }, principal: 'arn:aws:iam::111122223333:role/polycluster-deployer' },
    },
    nodePools: [{ name: 'general', machineType: 'm7i.large', min: 3, max: 9 }],
    // The isolation example: only checkout (web) may call payments, on 8443; payments may call its bank's API.
    namespaces: [
      { name: 'web', exposed: true },
      {
        name: 'payments',
        allow: [{ from: { namespace: 'web', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }],
        egress: [{ cidr: '203.0.113.0/24', ports: [{ port: 443 }] }],
      },
    ],
    // Internal load balancers: Let's Encrypt certificates come through DNS01 on the public zone.
    certManager: { acme: { email: 'platform-team@acme.example', dnsZones: ['acme.example'] } },
    aws: { accountId: '111122223333' },
  },
  {
    name: 'eks-cilium-prod',
    cloud: 'aws',
    region: 'eu-central-1',
    network: { vpcCidr: '10.20.0.0/16' },
    cni: { kind: 'cilium', mode: 'eni', hubble: true },
    access: {
      admins: ['arn:aws:iam::111122223333:role/platform-admins'],
      deployer: { network: { from: 'cidrs', cidrs: ['52.94.76.0/24'] }, principal: 'arn:aws:iam::111122223333:role/polycluster-deployer' },
    },
    nodePools: [
      { name: 'general', machineType: 'm7g.large', min: 3, max: 9 },
      { name: 'batch', machineType: 'c7i.xlarge', min: 0, max: 6, spot: true, taints: [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }], labels: { workload: 'batch' } },
    ],
    namespaces: [
      { name: 'apps', exposed: true },
      // Cilium enforces egress by DNS name.
      { name: 'billing', allow: [{ from: { namespace: 'apps', app: 'storefront' }, to: { app: 'invoices' }, ports: [{ port: 8080 }] }], egress: [{ fqdns: ['api.stripe.com', '*.stripe.com'], ports: [{ port: 443 }] }] },
    ],
    // HTTP01 through Traefik, which faces the internet.
    certManager: { acme: { email: 'platform-team@acme.example', solver: 'http01' } },
    // Traefik behind an internet-facing NLB that targets the pods' VPC addresses; ExternalDNS
    // writes its names into the public zone.
    ingress: { controller: 'traefik', exposure: 'internet-facing', externalDnsZones: ['apps.acme.example'] },
    aws: { accountId: '111122223333' },
  },
  {
    // Cilium chained onto the VPC CNI: Cilium enforces policy and Hubble observes, the VPC CNI routes.
    name: 'eks-cilium-chain-prod',
    cloud: 'aws',
    region: 'us-east-1',
    network: { vpcCidr: '10.30.0.0/16' },
    cni: { kind: 'cilium', mode: 'chaining', hubble: true },
    access: IN_VPC_ACCESS,
    nodePools: [{ name: 'general', machineType: 'm7i.large', min: 3, max: 9 }],
    namespaces: [{ name: 'internal-tools', exposed: true }],
    // Internal ALBs from the alb IngressClass, with their names in the private hosted zone.
    ingress: { externalDnsZones: ['internal.acme.example'] },
    aws: { accountId: '111122223333' },
  },
  {
    // Cilium replacing the VPC CNI with a VXLAN overlay and WireGuard: pod addresses come from
    // the pod range, not the VPC; webhooks run on the host network.
    name: 'eks-cilium-overlay-prod',
    cloud: 'aws',
    region: 'us-west-2',
    network: { vpcCidr: '10.40.0.0/16', podCidr: '100.64.0.0/14' },
    cni: { kind: 'cilium', mode: 'overlay', encryption: 'wireguard' },
    access: IN_VPC_ACCESS,
    nodePools: [{ name: 'general', machineType: 'm7g.xlarge', min: 3, max: 9, maxPods: 110 }],
    namespaces: [{ name: 'batch', egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }] }],
    aws: { accountId: '111122223333' },
  },
  {
    // Calico policy (Tigera operator) on the VPC CNI, with WireGuard between nodes.
    name: 'eks-calico-policy-prod',
    cloud: 'aws',
    region: 'eu-west-2',
    network: { vpcCidr: '10.50.0.0/16' },
    cni: { kind: 'calico', mode: 'policy-only', encryption: 'wireguard' },
    access: IN_VPC_ACCESS,
    nodePools: [{ name: 'general', machineType: 'm7i.large', min: 3, max: 9 }],
    namespaces: [
      { name: 'shop', exposed: true },
      { name: 'payments', allow: [{ from: { namespace: 'shop', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }] },
    ],
    // The F5 NGINX Ingress Controller on an internet-facing NLB, its names in the public zone.
    ingress: { controller: 'nginx', exposure: 'internet-facing', externalDnsZones: ['shop.acme.example'] },
    aws: { accountId: '111122223333' },
  },
  {
    // Calico replacing the VPC CNI: VXLAN and Calico IPAM from the pod range; kube-proxy stays.
    name: 'eks-calico-vxlan-prod',
    cloud: 'aws',
    region: 'eu-north-1',
    network: { vpcCidr: '10.60.0.0/16', podCidr: '100.80.0.0/14' },
    cni: { kind: 'calico', mode: 'vxlan' },
    access: IN_VPC_ACCESS,
    nodePools: [{ name: 'general', machineType: 'm7i.large', min: 3, max: 9, maxPods: 110 }],
    // An explicit opt-out, visible in the posture output: reports has no default deny, but still no metadata access.
    namespaces: [{ name: 'reports', baseline: false }],
    // The webhook runs on the host network here (the control plane cannot reach overlay pods).
    certManager: { acme: { email: 'platform-team@acme.example', dnsZones: ['reports.acme.example'] } },
    aws: { accountId: '111122223333' },
  },
];

/** GKE examples. */
export const gcpClusters: readonly ClusterSpec[] = [
  {
    // Dataplane V2 (the GKE default CNI), private endpoint: deploys run from a runner in the VPC.
    name: 'gke-dpv2-prod',
    cloud: 'gcp',
    region: 'europe-west1',
    gcp: { project: 'acme-platform-prod' },
    access: {
      admins: ['group:platform-admins@acme.example'],
      deployer: { network: { from: 'network' }, principal: 'serviceAccount:deployer@acme-platform-prod.iam.gserviceaccount.com' },
    },
    nodePools: [
      { name: 'general', min: 3, max: 9 },
      {
        name: 'batch',
        machineType: 'n2-highmem-8',
        sizeScope: 'perZone',
        min: 0,
        max: 2,
        spot: true,
        labels: { workload: 'batch' },
        taints: [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }],
      },
    ],
    namespaces: [
      { name: 'storefront', exposed: true },
      // Keeps pods away from the GKE metadata server too (no Workload Identity in this namespace).
      { name: 'payments', denyMetadata: true, allow: [{ from: { namespace: 'storefront', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }] },
    ],
    // DNS01 through Cloud DNS: GKE's Gateway may not attach HTTP01 solver routes (cert-manager#8591).
    certManager: { acme: { email: 'platform-team@acme.example', dnsZones: ['storefront.acme.example'] } },
    // The shared Gateway on a global external load balancer with a static address; ExternalDNS
    // writes the storefront's names into the public zone.
    ingress: { exposure: 'internet-facing', externalDnsZones: ['storefront.acme.example'] },
    tags: { 'cost-center': 'platform' },
  },
  {
    // GKE's managed Calico network policy; the public endpoint opens to the CI runners' egress only.
    name: 'gke-calico-prod',
    cloud: 'gcp',
    region: 'us-central1',
    zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
    kubernetesVersion: '1.33',
    gcp: { project: 'acme-payments-prod' },
    cni: { kind: 'calico' },
    network: { vpcCidr: '10.20.0.0/16', podCidr: '100.72.0.0/14', serviceCidr: '172.21.0.0/16', controlPlaneCidr: '172.16.0.16/28' },
    access: {
      admins: ['group:payments-admins@acme.example', 'user:oncall-lead@acme.example'],
      deployer: {
        network: { from: 'cidrs', cidrs: ['81.2.69.160/29', '92.40.176.16/28'] },
        principal: 'serviceAccount:ci-deployer@acme-payments-prod.iam.gserviceaccount.com',
      },
    },
    nodePools: [{ name: 'payments', machineType: 'n2-standard-8', min: 3, max: 6, maxPods: 64, diskSizeGiB: 200 }],
    namespaces: [{ name: 'payments' }],
    certManager: { acme: { email: 'platform-team@acme.example', dnsZones: ['payments.acme.example'] } },
    // Traefik on an internal passthrough load balancer, for Ingress and its own GatewayClass.
    ingress: { controller: 'traefik' },
  },
];

/** AKS examples. */
export const azureClusters: readonly ClusterSpec[] = [
  {
    // Azure CNI powered by Cilium (the AKS default), private API server: deploys run from a
    // runner inside the VNet or a peered network.
    name: 'aks-cilium-prod',
    cloud: 'azure',
    region: 'westeurope',
    access: {
      admins: ['5f1c7a2e-8d4b-4c3a-9e61-2b7d0f4a8c15'],
      deployer: { network: { from: 'network' }, principal: '9a3e6b1d-4f2c-4e8a-b7d5-0c1f2e3d4a5b' },
    },
    nodePools: [
      { name: 'general', min: 3, max: 12 },
      { name: 'batch', machineType: 'Standard_D8ds_v5', min: 0, max: 9, spot: true, labels: { workload: 'batch' }, taints: [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }] },
    ],
    namespaces: [
      { name: 'shop', exposed: true },
      { name: 'payments', allow: [{ from: { namespace: 'shop', app: 'checkout' }, to: { app: 'payments' }, ports: [{ port: 8443 }] }] },
    ],
    // Traefik (the AKS default) on a static public address; ExternalDNS writes the shop's names.
    certManager: { acme: { email: 'platform-team@acme.example', dnsZones: ['shop.acme.example', 'acme.example'] } },
    ingress: { exposure: 'internet-facing', externalDnsZones: ['shop.acme.example'] },
    azure: { subscriptionId: '3c8e5f2a-1b7d-4a9e-8c6f-d2e4b1a7f3c9' },
  },
  {
    // Azure CNI overlay with Calico network policy; the public endpoint opens to the CI
    // runners' egress CIDRs only.
    name: 'aks-calico-prod',
    cloud: 'azure',
    region: 'northeurope',
    cni: { kind: 'calico' },
    network: { vpcCidr: '10.30.0.0/16' },
    access: {
      admins: ['5f1c7a2e-8d4b-4c3a-9e61-2b7d0f4a8c15', 'b2d4f6a8-0c1e-4a3b-9d5f-7e9a1c3b5d7f'],
      deployer: { network: { from: 'cidrs', cidrs: ['81.2.69.160/28', '62.30.112.0/27'] } },
    },
    nodePools: [{ name: 'general', machineType: 'Standard_D8ds_v5', min: 3, max: 9, maxPods: 60 }],
    namespaces: [{ name: 'orders' }],
    // The F5 NGINX Ingress Controller on an internal load balancer in the node subnet.
    ingress: { controller: 'nginx' },
    azure: { subscriptionId: '3c8e5f2a-1b7d-4a9e-8c6f-d2e4b1a7f3c9', resourceGroupName: 'rg-aks-calico-prod', systemPool: { machineType: 'Standard_D4ds_v5', min: 3, max: 6 } },
  },
  {
    // BYO CNI (network_plugin none): Cilium from the cni stack, cluster-pool IPAM, WireGuard, Hubble.
    name: 'aks-cilium-byo-prod',
    cloud: 'azure',
    region: 'swedencentral',
    cni: { kind: 'cilium', mode: 'overlay', encryption: 'wireguard', hubble: true },
    network: { vpcCidr: '10.40.0.0/16', podCidr: '100.64.0.0/14' },
    access: { admins: ['5f1c7a2e-8d4b-4c3a-9e61-2b7d0f4a8c15'], deployer: { network: { from: 'network' }, principal: '9a3e6b1d-4f2c-4e8a-b7d5-0c1f2e3d4a5b' } },
    nodePools: [{ name: 'general', min: 3, max: 9 }],
    namespaces: [{ name: 'ledger', egress: [{ fqdns: ['api.partner-bank.example'], ports: [{ port: 443 }] }] }],
    azure: { subscriptionId: '3c8e5f2a-1b7d-4a9e-8c6f-d2e4b1a7f3c9' },
  },
  {
    // BYO CNI with Calico from the Tigera operator: VXLAN and Calico IPAM from the pod range.
    name: 'aks-calico-byo-prod',
    cloud: 'azure',
    region: 'uksouth',
    cni: { kind: 'calico', mode: 'vxlan' },
    network: { vpcCidr: '10.50.0.0/16', podCidr: '100.80.0.0/14' },
    access: { admins: ['5f1c7a2e-8d4b-4c3a-9e61-2b7d0f4a8c15'], deployer: { network: { from: 'network' }, principal: '9a3e6b1d-4f2c-4e8a-b7d5-0c1f2e3d4a5b' } },
    nodePools: [{ name: 'general', min: 3, max: 9 }],
    namespaces: [{ name: 'analytics', egress: [{ cidr: '198.51.100.0/24', ports: [{ port: 5432 }] }] }],
    azure: { subscriptionId: '3c8e5f2a-1b7d-4a9e-8c6f-d2e4b1a7f3c9' },
  },
];

/**
 * The clusters this repository deploys: an example for every cloud and CNI. defineFleet loads a
 * cloud's folder only for the clusters that use it.
 */
export const fleet: FleetSpec = {
  defaults: organisationDefaults,
  clusters: [...awsClusters, ...gcpClusters, ...azureClusters],
};
