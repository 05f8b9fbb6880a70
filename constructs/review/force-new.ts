import { cidrContains, cidrProblem } from '../spec/cidr';

/**
 * The reviewed table of attributes that replace a resource when they change, for every resource
 * type polycluster synthesizes whose loss hurts: clusters, node pools (and the launch templates they
 * are built from), networks, subnets, NAT and public addresses, encryption keys, routes, log stores
 * and the Azure resource group. The provider bindings and `terraform providers schema -json` do not
 * carry this (ForceNew lives in the providers' Go code), so it was read from the providers' sources
 * and, for hashicorp/aws 5.100.0, confirmed by planning every listed change against the provider
 * binary (`terraform plan -refresh=false`, `replace_paths`). Where a source could not be matched to
 * the provider version we pin, the rule's `notes` say so.
 *
 * Paths are dotted, without list indices, as they appear in cdktf's Terraform JSON (blocks are
 * objects): `vpc_config.subnet_ids`, `network_profile.pod_cidr`.
 */

/** What a replacement of this resource type destroys. */
export type RiskCategory =
  | 'cluster'
  | 'node pool'
  | 'network'
  | 'subnet'
  | 'NAT / egress IP'
  | 'ingress IP'
  | 'encryption key'
  | 'route'
  | 'logs'
  | 'resource group';

/**
 * When a conditional attribute replaces the resource. Providers implement these in CustomizeDiff
 * (AWS/Google/Azure `ForceNewIfChange`), so the same attribute may change in place one way and
 * replace the resource the other way.
 */
export type ReplaceWhen =
  /** A value goes from set to unset, empty, zero or false. */
  | {
      /** Replaces when a set value is removed. */
      readonly kind: 'removed';
    }
  /** `true` becomes `false` or unset (enabling is in place). */
  | {
      /** Replaces when a `true` flag is turned off. */
      readonly kind: 'disabled';
    }
  /** The new CIDR does not contain the old one (expanding is in place). */
  | {
      /** Replaces when a CIDR shrinks or moves. */
      readonly kind: 'narrowed';
    }
  /** A value that was set changes (setting it the first time is in place). */
  | {
      /** Replaces when a value already set changes or is removed. */
      readonly kind: 'changed-once-set';
    }
  /** The block itself is force-new: adding or removing it replaces; changes inside it follow the other lists. */
  | {
      /** Replaces when the block is added or removed. */
      readonly kind: 'added-or-removed';
    }
  /** Replaces unless the new value is one of these (case-insensitive). */
  | {
      /** Replaces unless the new value is in `values`. */
      readonly kind: 'unless-new-in';
      /** The new values that change in place. */
      readonly values: readonly string[];
    }
  /** Replaces unless the old and the new value are both among these (case-insensitive). */
  | {
      /** Replaces unless the old and the new value are both in `values`. */
      readonly kind: 'unless-both-in';
      /** The values between which a change is in place. */
      readonly values: readonly string[];
    }
  /** Replaces unless the new value comes later in this order than the old one (an upgrade). */
  | {
      /** Replaces unless the change moves later in `order`. */
      readonly kind: 'unless-upgrade';
      /** The values from lowest to highest tier. */
      readonly order: readonly string[];
    }
  /** Replaces when the old value is one of these (`''` stands for unset). */
  | {
      /** Replaces when the old value is in `values`. */
      readonly kind: 'if-old-in';
      /** The old values from which any change replaces. */
      readonly values: readonly string[];
    };

/** An attribute that replaces the resource only for some old/new values. */
export interface ConditionalReplacement {
  /** The attribute path, in the same form as {@link ReplacementRule.forceNew}. */
  readonly path: string;
  /** For which old/new values it replaces the resource. */
  readonly when: ReplaceWhen;
  /** The condition in words, for the review report. */
  readonly because: string;
}

/** How changing attributes of one resource type affects the resource. */
export interface ReplacementRule {
  /** What a replacement destroys, for the report's grouping and wording. */
  readonly category: RiskCategory;
  /** Attribute paths (dotted, without list indices, as they appear in cdktf's Terraform JSON: blocks are objects, e.g. 'vpc_config.subnet_ids') whose change replaces the resource. */
  readonly forceNew: readonly string[];
  /**
   * Attributes that replace the resource only for some old/new values (one-directional ForceNew,
   * block-level ForceNew).
   * @default none
   */
  readonly forceNewIf?: readonly ConditionalReplacement[];
  /**
   * Attribute paths whose change keeps the resource but replaces its nodes (rolling update, or
   * AKS's rotation of a pool through a temporary pool).
   * @default none
   */
  readonly rolls?: readonly string[];
  /** What removing the resource means beyond the obvious (e.g. KMS key: scheduled deletion, data encrypted with it becomes unreadable). */
  readonly onDestroy: string;
  /** Where the list was read: provider, version/commit, file. */
  readonly source: string;
  /**
   * What could not be confirmed, and what changes in place but still deserves a look.
   * @default none
   */
  readonly notes?: string;
}

const AWS_PLANNED =
  'hashicorp/aws 5.100.0 (the provider we pin): every listed path confirmed by planning the change against the provider binary from the offline mirror (`terraform plan -refresh=false`, `replace_paths`); schema read in';
const GOOGLE = 'hashicorp/terraform-provider-google';
const GOOGLE_VERSION_NOTE =
  'Read from the newest stored sources (7.x-era); the bindings we pin are generated for google 6.50.0. Every path exists in the 6.50.0 bindings (tested), but a ForceNew flag that changed between 6.50 and those commits would not show.';
const AZURERM = 'hashicorp/terraform-provider-azurerm';
const AZURE_VERSION_NOTE = 'Read from the newest stored 4.x sources; the bindings we pin are generated for azurerm 4.55.0. Every path exists in the 4.55.0 bindings (tested).';

/** GKE `node_config` attributes that replace the node pool (or, in `google_container_cluster.node_config`, the cluster). */
const GKE_NODE_CONFIG_FORCE_NEW = [
  'advanced_machine_features.enable_nested_virtualization',
  'advanced_machine_features.threads_per_core',
  'boot_disk_kms_key',
  'confidential_nodes.confidential_instance_type',
  'enable_confidential_storage',
  'ephemeral_storage_local_ssd_config.data_cache_count',
  'ephemeral_storage_local_ssd_config.local_ssd_count',
  'flex_start',
  'guest_accelerator.count',
  'guest_accelerator.gpu_driver_installation_config.gpu_driver_version',
  'guest_accelerator.gpu_partition_size',
  'guest_accelerator.gpu_sharing_config.gpu_sharing_strategy',
  'guest_accelerator.gpu_sharing_config.max_shared_clients_per_gpu',
  'guest_accelerator.type',
  'host_maintenance_policy.maintenance_interval',
  'local_nvme_ssd_block_config.local_ssd_count',
  'local_ssd_count',
  'local_ssd_encryption_mode',
  'max_run_duration',
  'metadata',
  'min_cpu_platform',
  'node_group',
  'oauth_scopes',
  'preemptible',
  'reservation_affinity.consume_reservation_type',
  'reservation_affinity.key',
  'reservation_affinity.values',
  'secondary_boot_disks.disk_image',
  'secondary_boot_disks.mode',
  'service_account',
  'shielded_instance_config.enable_integrity_monitoring',
  'shielded_instance_config.enable_secure_boot',
  'sole_tenant_config.node_affinity.key',
  'sole_tenant_config.node_affinity.operator',
  'sole_tenant_config.node_affinity.values',
  'spot',
].map((p) => `node_config.${p}`);

/** GKE `node_config` blocks that are ForceNew as a whole but hold attributes that are not. */
const GKE_NODE_CONFIG_BLOCKS: readonly ConditionalReplacement[] = [
  { path: 'node_config', when: { kind: 'added-or-removed' }, because: 'the whole `node_config` block is force-new (adding or removing it); its attributes follow their own flags' },
  { path: 'node_config.advanced_machine_features', when: { kind: 'added-or-removed' }, because: 'adding or removing `advanced_machine_features` is force-new' },
  { path: 'node_config.sole_tenant_config', when: { kind: 'added-or-removed' }, because: 'adding or removing `sole_tenant_config` is force-new' },
];

/** AKS pool attributes that rotate the pool through `temporary_name_for_rotation` (azurerm 4.x). */
const AKS_POOL_ROTATION = [
  'fips_enabled',
  'host_encryption_enabled',
  'kubelet_config',
  'kubelet_disk_type',
  'linux_os_config',
  'max_pods',
  'node_public_ip_enabled',
  'os_disk_size_gb',
  'os_disk_type',
  'pod_subnet_id',
  'snapshot_id',
  'ultra_ssd_enabled',
  'vm_size',
  'vnet_subnet_id',
  'zones',
];

const DRAIN_TIMEOUT_BECAUSE =
  'setting `upgrade_settings.drain_timeout_in_minutes` back to 0 or unset after it was set is force-new (a CustomizeDiff working around an AKS API issue)';

const rules: Record<string, ReplacementRule> = {
  // ---------------------------------------------------------------- AWS
  aws_eks_cluster: {
    category: 'cluster',
    forceNew: [
      'access_config.bootstrap_cluster_creator_admin_permissions',
      'bootstrap_self_managed_addons',
      'kubernetes_network_config.ip_family',
      'kubernetes_network_config.service_ipv4_cidr',
      'name',
      'outpost_config.control_plane_instance_type',
      'outpost_config.control_plane_placement.group_name',
      'remote_network_config.remote_node_networks.cidrs',
      'remote_network_config.remote_pod_networks.cidrs',
      'role_arn',
    ],
    forceNewIf: [
      { path: 'encryption_config', when: { kind: 'removed' }, because: 'EKS cannot turn envelope encryption off: removing `encryption_config` replaces the cluster (adding it is in place)' },
      { path: 'compute_config.node_role_arn', when: { kind: 'changed-once-set' }, because: 'changing an existing EKS Auto Mode node role replaces the cluster (adding one is in place)' },
      { path: 'remote_network_config', when: { kind: 'added-or-removed' }, because: 'adding or removing `remote_network_config` (hybrid nodes) is force-new' },
    ],
    onDestroy:
      'the control plane and etcd go with it: every Kubernetes object (Secrets, CRDs, workloads), the access entries and add-ons. The new cluster has a new API endpoint, CA and OIDC issuer, so every IRSA trust policy naming the old issuer stops matching.',
    source: `${AWS_PLANNED} internal/service/eks/cluster.go (read at commit 00555dc5).`,
    notes:
      '`vpc_config.subnet_ids` and `vpc_config.security_group_ids` update in place in 5.100.0 (planned). A changed `encryption_config.provider.key_arn` plans as an in-place update that the provider never sends (EKS cannot change the key): a permanent diff, not a replacement.',
  },
  aws_eks_node_group: {
    category: 'node pool',
    forceNew: [
      'ami_type',
      'capacity_type',
      'cluster_name',
      'disk_size',
      'instance_types',
      'launch_template.id',
      'launch_template.name',
      'node_group_name',
      'node_group_name_prefix',
      'node_role_arn',
      'remote_access.ec2_ssh_key',
      'remote_access.source_security_group_ids',
      'subnet_ids',
    ],
    rolls: ['launch_template.version', 'release_version', 'version'],
    onDestroy:
      'every instance of the group is terminated and its pods rescheduled elsewhere; with a fixed `node_group_name` Terraform destroys before it creates, so the capacity is gone until the new group is up.',
    source: `${AWS_PLANNED} internal/service/eks/node_group.go (read at commit 012e0a32).`,
    notes: 'Labels, taints, scaling and update_config update in place (UpdateNodegroupConfig). Rolls use the group\'s update_config (max unavailable).',
  },
  aws_launch_template: {
    category: 'node pool',
    forceNew: ['name', 'name_prefix'],
    rolls: [
      'block_device_mappings',
      'capacity_reservation_specification',
      'cpu_options',
      'credit_specification',
      'disable_api_stop',
      'disable_api_termination',
      'ebs_optimized',
      'elastic_gpu_specifications',
      'elastic_inference_accelerator',
      'enclave_options',
      'hibernation_options',
      'iam_instance_profile',
      'image_id',
      'instance_initiated_shutdown_behavior',
      'instance_market_options',
      'instance_requirements',
      'instance_type',
      'kernel_id',
      'key_name',
      'license_specification',
      'maintenance_options',
      'metadata_options',
      'monitoring',
      'network_interfaces',
      'placement',
      'private_dns_name_options',
      'ram_disk_id',
      'security_group_names',
      'tag_specifications',
      'tags',
      'user_data',
      'vpc_security_group_ids',
    ],
    onDestroy:
      'node groups that use it by id are replaced too (`launch_template.id` is force-new on aws_eks_node_group), and the node group\'s own JSON does not show it: `${aws_launch_template.x.id}` is unchanged text.',
    source: `${AWS_PLANNED} internal/service/ec2/ec2_launch_template.go; rolls = the changes that make the plan compute a new \`latest_version\`.`,
    notes:
      'A content change creates a new template version; the node group rolls its nodes because polycluster points `launch_template.version` at `latest_version`. `description`, `default_version` and `update_default_version` create no version (planned). A `tags` change also plans a possibly new version.',
  },
  aws_vpc: {
    category: 'network',
    forceNew: ['cidr_block', 'instance_tenancy', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
    onDestroy:
      'everything inside must go first: subnets, route tables, NAT gateways, endpoints, and with the subnets the node groups (`subnet_ids` is force-new) — in practice the whole cluster stack is rebuilt.',
    source: `${AWS_PLANNED} internal/service/ec2/vpc_.go.`,
    notes: 'DNS settings and the IPv6 attributes (`assign_generated_ipv6_cidr_block`, `ipv6_cidr_block`, `ipv6_netmask_length`, network border group) update in place (planned).',
  },
  aws_subnet: {
    category: 'subnet',
    forceNew: ['availability_zone', 'availability_zone_id', 'cidr_block', 'ipv6_native', 'outpost_arn', 'vpc_id'],
    onDestroy:
      'the ENIs in it must leave first: node groups listing it in `subnet_ids` are replaced, NAT gateways in it are replaced (their EIP survives unless it changes too), and the EKS control plane must be moved off it.',
    source: `${AWS_PLANNED} internal/service/ec2/vpc_subnet.go.`,
    notes: '`map_public_ip_on_launch`, `ipv6_cidr_block`, DNS64 and resource-name DNS settings update in place (planned). `customer_owned_ipv4_pool` was only planned together with `outpost_arn`.',
  },
  aws_route_table: {
    category: 'route',
    forceNew: ['vpc_id'],
    onDestroy: 'its subnets fall back to the VPC main route table until the new table is associated: private subnets lose their NAT default route for that window.',
    source: `${AWS_PLANNED} internal/service/ec2/vpc_route_table.go.`,
    notes: 'Inline `route` and `propagating_vgws` update in place (planned); polycluster uses aws_route.',
  },
  aws_route: {
    category: 'route',
    forceNew: ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id', 'route_table_id'],
    onDestroy: 'traffic to the destination (the 0.0.0.0/0 default through NAT or the internet gateway) is dropped between the delete and the create.',
    source: `${AWS_PLANNED} internal/service/ec2/vpc_route.go.`,
    notes: 'Targets (`nat_gateway_id`, `gateway_id`, `transit_gateway_id`, `network_interface_id`, ...) update in place (planned).',
  },
  aws_route_table_association: {
    category: 'route',
    forceNew: ['gateway_id', 'subnet_id'],
    onDestroy: 'the subnet falls back to the VPC main route table until it is associated again.',
    source: `${AWS_PLANNED} internal/service/ec2/vpc_route_table_association.go.`,
    notes: '`route_table_id` updates in place (ReplaceRouteTableAssociation, planned).',
  },
  aws_nat_gateway: {
    category: 'NAT / egress IP',
    forceNew: ['allocation_id', 'connectivity_type', 'private_ip', 'secondary_private_ip_address_count', 'subnet_id'],
    onDestroy:
      'egress from the private subnets routed through it stops until the new gateway is available; when `allocation_id` changes too, partners see a new source IP.',
    source: `${AWS_PLANNED} internal/service/ec2/vpc_nat_gateway.go.`,
    notes: '`secondary_allocation_ids` and `secondary_private_ip_addresses` update in place (planned).',
  },
  aws_eip: {
    category: 'NAT / egress IP',
    forceNew: ['address', 'domain', 'ipam_pool_id', 'network_border_group', 'public_ipv4_pool'],
    onDestroy: 'the public address is released and a different one allocated: every partner allow-list naming the old egress IP breaks.',
    source: `${AWS_PLANNED} internal/service/ec2/ec2_eip.go.`,
    notes: '`instance`, `network_interface`, `associate_with_private_ip` and `customer_owned_ipv4_pool` update in place (planned).',
  },
  aws_kms_key: {
    category: 'encryption key',
    forceNew: ['custom_key_store_id', 'customer_master_key_spec', 'key_usage', 'multi_region', 'xks_key_id'],
    onDestroy:
      'AWS schedules the key for deletion after `deletion_window_in_days` (7-30) and it cannot be used meanwhile: EKS can no longer decrypt Kubernetes Secrets encrypted with it and log groups encrypted with it fail; after the window, everything encrypted with it is unrecoverable. EKS cannot switch a cluster to a new key.',
    source: `${AWS_PLANNED} internal/service/kms/key.go.`,
    notes: 'Policy, description, rotation and `deletion_window_in_days` update in place (planned).',
  },
  aws_kms_alias: {
    category: 'encryption key',
    forceNew: ['name', 'name_prefix'],
    onDestroy: 'only the alias goes; whatever refers to the key through the alias fails until the new alias exists.',
    source: `${AWS_PLANNED} internal/service/kms/alias.go.`,
    notes: '`target_key_id` updates in place (planned).',
  },
  aws_cloudwatch_log_group: {
    category: 'logs',
    forceNew: ['log_group_class', 'name', 'name_prefix'],
    onDestroy: 'every stored event is deleted (EKS control-plane audit logs, VPC flow logs) unless `skip_destroy` is set.',
    source: `${AWS_PLANNED} internal/service/logs/group.go.`,
    notes: '`kms_key_id` (added, changed or removed) and `retention_in_days` update in place (planned).',
  },

  // ---------------------------------------------------------------- Google
  google_container_cluster: {
    category: 'cluster',
    forceNew: [
      'cluster_autoscaling.auto_provisioning_defaults.boot_disk_kms_key',
      'cluster_ipv4_cidr',
      'confidential_nodes.confidential_instance_type',
      'confidential_nodes.enabled',
      'datapath_provider',
      'default_max_pods_per_node',
      'description',
      'enable_autopilot',
      'enable_kubernetes_alpha',
      'enable_tpu',
      'initial_node_count',
      'ip_allocation_policy.cluster_ipv4_cidr_block',
      'ip_allocation_policy.cluster_secondary_range_name',
      'ip_allocation_policy.services_ipv4_cidr_block',
      'ip_allocation_policy.services_secondary_range_name',
      'location',
      'master_auth.client_certificate_config.issue_client_certificate',
      'name',
      'network',
      'networking_mode',
      'private_cluster_config.enable_private_nodes',
      'private_cluster_config.master_ipv4_cidr_block',
      'private_cluster_config.private_endpoint_subnetwork',
      'project',
      'subnetwork',
      'user_managed_keys_config.aggregation_ca',
      'user_managed_keys_config.cluster_ca',
      'user_managed_keys_config.etcd_api_ca',
      'user_managed_keys_config.etcd_peer_ca',
      ...GKE_NODE_CONFIG_FORCE_NEW,
    ],
    forceNewIf: [
      { path: 'enable_l4_ilb_subsetting', when: { kind: 'disabled' }, because: 'turning L4 ILB subsetting off after it was on replaces the cluster' },
      { path: 'enable_fqdn_network_policy', when: { kind: 'disabled' }, because: 'turning FQDN network policy off after it was on replaces the cluster' },
      { path: 'enable_k8s_beta_apis.enabled_apis', when: { kind: 'removed' }, because: 'removing an enabled beta API replaces the cluster (adding one is in place)' },
      { path: 'ip_allocation_policy', when: { kind: 'added-or-removed' }, because: 'adding or removing `ip_allocation_policy` (VPC-native) is force-new' },
      { path: 'ip_allocation_policy.pod_cidr_overprovision_config', when: { kind: 'added-or-removed' }, because: 'adding or removing `pod_cidr_overprovision_config` is force-new' },
      { path: 'node_pool', when: { kind: 'added-or-removed' }, because: 'inline `node_pool` blocks cannot be added or removed without replacing the cluster' },
      ...GKE_NODE_CONFIG_BLOCKS,
    ],
    onDestroy:
      'the control plane and every node pool go with it (the google_container_node_pool resources of the nodes stack too): all Kubernetes objects, a new endpoint and CA. polycluster sets `deletion_protection = true`, so the apply of a replacement fails until that is turned off in a separate change.',
    source: `${GOOGLE} google/services/container/resource_container_cluster.go (commit 0297605c); node_config from magic-modules mmv1/third_party/terraform/services/container/node_config.go.tmpl (commit 4d204557).`,
    notes: `${GOOGLE_VERSION_NOTE} polycluster ignores \`node_config\` on the cluster (lifecycle.ignore_changes), so its force-new attributes only matter if that changes. \`description\` is force-new and polycluster's includes the profile: a profile change replaces the cluster. Not read: the CustomizeDiff functions other than the ones listed (containerClusterAutopilotCustomizeDiff and friends).`,
  },
  google_container_node_pool: {
    category: 'node pool',
    forceNew: [
      'cluster',
      'initial_node_count',
      'location',
      'max_pods_per_node',
      'name',
      'name_prefix',
      'network_config.additional_node_network_configs.network',
      'network_config.additional_node_network_configs.subnetwork',
      'network_config.additional_pod_network_configs.max_pods_per_node',
      'network_config.additional_pod_network_configs.secondary_pod_range',
      'network_config.additional_pod_network_configs.subnetwork',
      'network_config.create_pod_range',
      'network_config.pod_ipv4_cidr_block',
      'network_config.pod_range',
      'placement_policy.policy_name',
      'project',
      'queued_provisioning.enabled',
      ...GKE_NODE_CONFIG_FORCE_NEW,
    ],
    forceNewIf: [
      { path: 'placement_policy', when: { kind: 'added-or-removed' }, because: 'adding or removing `placement_policy` is force-new' },
      { path: 'network_config.pod_cidr_overprovision_config', when: { kind: 'added-or-removed' }, because: 'adding or removing `pod_cidr_overprovision_config` is force-new' },
      ...GKE_NODE_CONFIG_BLOCKS,
    ],
    rolls: ['node_config.containerd_config', 'node_config.disk_size_gb', 'node_config.disk_type', 'node_config.image_type', 'node_config.machine_type', 'version'],
    onDestroy:
      'every node of the pool is deleted and its pods rescheduled elsewhere; the name is fixed, so Terraform destroys before it creates and the capacity is gone until the new pool is up.',
    source: `${GOOGLE} via magic-modules mmv1/third_party/terraform/services/container/resource_container_node_pool.go.tmpl (commit ea4301d9) and node_config.go.tmpl (commit 4d204557); rolls from the GKE UpdateNodePoolRequest reference (disk size/type and machine type migrate the nodes, containerd config recreates them, version and image type upgrade them).`,
    notes: `${GOOGLE_VERSION_NOTE} \`initial_node_count\` is ignored by polycluster (lifecycle.ignore_changes). Labels, taints, network tags and resource labels update in place without recreating nodes (GKE docs). Not confirmed as rolling: \`kubelet_config\`, \`linux_node_config\`, \`workload_metadata_config\`, \`gcfs_config\`, \`gvnic\`, \`boot_disk\` (updated in place by the provider; whether GKE recreates the nodes was not read).`,
  },
  google_compute_network: {
    category: 'network',
    forceNew: ['auto_create_subnetworks', 'description', 'internal_ipv6_range', 'name', 'network_profile', 'project'],
    onDestroy:
      'it cannot be deleted while subnetworks, routers, firewall rules or clusters use it: in practice the whole cluster stack is rebuilt (`network` is force-new on all of them).',
    source: `${GOOGLE} google/services/compute/resource_compute_network.go (commit 017d2f58).`,
    notes: `${GOOGLE_VERSION_NOTE} \`routing_mode\`, \`mtu\` and the BGP settings update in place.`,
  },
  google_compute_subnetwork: {
    category: 'subnet',
    forceNew: ['description', 'name', 'network', 'project', 'purpose', 'region'],
    forceNewIf: [{ path: 'ip_cidr_range', when: { kind: 'narrowed' }, because: 'a primary range that does not contain the old one replaces the subnetwork (expanding it is in place)' }],
    onDestroy:
      'the GKE cluster on it is replaced (`subnetwork` and the secondary range names are force-new on google_container_cluster); for the proxy-only subnet, regional Gateways lose their proxies until it is back.',
    source: `${GOOGLE} google/services/compute/resource_compute_subnetwork.go (commit 0110d02a).`,
    notes: `${GOOGLE_VERSION_NOTE} \`secondary_ip_range\`, \`log_config\`, \`private_ip_google_access\`, \`stack_type\` and the proxy-only subnet's \`role\` update in place in the provider.`,
  },
  google_compute_router: {
    category: 'NAT / egress IP',
    forceNew: ['encrypted_interconnect_router', 'name', 'network', 'project', 'region'],
    onDestroy: 'its Cloud NAT goes with it (`router` is force-new on google_compute_router_nat): private nodes lose egress until the NAT is back. The static NAT addresses are separate resources and survive.',
    source: `${GOOGLE} google/services/compute/resource_compute_router.go (commit 07fc8657).`,
    notes: `${GOOGLE_VERSION_NOTE} \`bgp\` and \`description\` update in place.`,
  },
  google_compute_router_nat: {
    category: 'NAT / egress IP',
    forceNew: ['endpoint_types', 'name', 'project', 'region', 'router'],
    onDestroy: 'private nodes lose internet egress until the new NAT is configured; the egress IPs stay the same as long as the google_compute_address resources do.',
    source: `${GOOGLE} google/services/compute/resource_compute_router_nat.go (commit 054ced1c).`,
    notes: `${GOOGLE_VERSION_NOTE} \`nat_ips\`, port allocation, logging and subnetwork selection update in place. Attributes newer than that commit (e.g. a NAT \`type\`) were not read.`,
  },
  google_compute_address: {
    category: 'NAT / egress IP',
    forceNew: ['address', 'address_type', 'description', 'ip_version', 'ipv6_endpoint_type', 'name', 'network', 'network_tier', 'prefix_length', 'project', 'purpose', 'region', 'subnetwork'],
    onDestroy: 'the reserved IP is released and the new reservation gets a different address (unless `address` pins it): partner allow-lists naming the old egress IP break.',
    source: `${GOOGLE} google/services/compute/resource_compute_address.go (commit 020769f4).`,
    notes: `${GOOGLE_VERSION_NOTE} Only labels update in place.`,
  },
  google_compute_global_address: {
    category: 'ingress IP',
    forceNew: ['address', 'address_type', 'description', 'ip_version', 'name', 'network', 'prefix_length', 'project', 'purpose'],
    onDestroy: 'the shared Gateway\'s public address changes: DNS records follow (ExternalDNS), but cached answers and anything allow-listing the IP break.',
    source: `${GOOGLE} google/services/compute/resource_compute_global_address.go (commit 00691369; the resource has no update).`,
    notes: GOOGLE_VERSION_NOTE,
  },
  google_kms_key_ring: {
    category: 'encryption key',
    forceNew: ['location', 'name', 'project'],
    onDestroy: 'Cloud KMS key rings cannot be deleted: Terraform only forgets it, and creating one with the same name fails (the name stays taken).',
    source: `${GOOGLE} google/services/kms/resource_kms_key_ring.go (commit 1658bf8c).`,
  },
  google_kms_crypto_key: {
    category: 'encryption key',
    forceNew: ['destroy_scheduled_duration', 'import_only', 'key_ring', 'name', 'purpose', 'version_template.protection_level'],
    onDestroy:
      'Cloud KMS keys cannot be deleted: destroy schedules every key version for destruction (after `destroy_scheduled_duration`) and stops rotation. Once destroyed, GKE can no longer decrypt Secrets encrypted with it (application-layer secrets encryption), and the name stays taken.',
    source: `${GOOGLE} google/services/kms/resource_kms_crypto_key.go (commit 07fc8657).`,
    notes: `${GOOGLE_VERSION_NOTE} \`rotation_period\`, \`version_template.algorithm\` and labels update in place. The newer sources also make \`crypto_key_backend\` force-new; it is not in the 6.50.0 schema.`,
  },
  google_logging_project_bucket_config: {
    category: 'logs',
    forceNew: ['bucket_id', 'location'],
    onDestroy: 'the log bucket and the logs it holds are deleted; the sink writes to a missing destination until the new bucket exists.',
    source: `${GOOGLE} google/services/logging/resource_logging_bucket_config.go (commit 0a67500b).`,
    notes: `${GOOGLE_VERSION_NOTE} \`project\` comes from resource_logging_project_bucket_config.go, which was not read. \`retention_days\`, \`description\` and \`cmek_settings\` update in place.`,
  },

  // ---------------------------------------------------------------- Azure
  azurerm_kubernetes_cluster: {
    category: 'cluster',
    forceNew: [
      'default_node_pool.capacity_reservation_group_id',
      'default_node_pool.gpu_instance',
      'default_node_pool.host_group_id',
      'default_node_pool.name',
      'default_node_pool.node_public_ip_prefix_id',
      'default_node_pool.proximity_placement_group_id',
      'default_node_pool.type',
      'disk_encryption_set_id',
      'dns_prefix',
      'dns_prefix_private_cluster',
      'edge_zone',
      'kubelet_identity.client_id',
      'kubelet_identity.object_id',
      'kubelet_identity.user_assigned_identity_id',
      'linux_profile.admin_username',
      'linux_profile.ssh_key.key_data',
      'location',
      'name',
      'network_profile.dns_service_ip',
      'network_profile.ip_versions',
      'network_profile.load_balancer_sku',
      'network_profile.network_mode',
      'network_profile.network_plugin',
      'network_profile.pod_cidr',
      'network_profile.pod_cidrs',
      'network_profile.service_cidr',
      'network_profile.service_cidrs',
      'node_resource_group',
      'private_cluster_enabled',
      'private_dns_zone_id',
      'resource_group_name',
      'role_based_access_control_enabled',
      'windows_profile.admin_username',
    ],
    forceNewIf: [
      { path: 'network_profile.network_policy', when: { kind: 'changed-once-set' }, because: 'changing or removing a network policy engine that was set replaces the cluster (setting one the first time is in place)' },
      { path: 'network_profile.network_data_plane', when: { kind: 'changed-once-set' }, because: 'changing the network data plane once set (e.g. azure to cilium) replaces the cluster' },
      { path: 'network_profile.network_plugin_mode', when: { kind: 'unless-new-in', values: ['overlay'] }, because: 'changing `network_plugin_mode` to anything but overlay replaces the cluster (migrating to overlay is in place)' },
      { path: 'api_server_access_profile.subnet_id', when: { kind: 'removed' }, because: 'removing the API server subnet (VNet integration) replaces the cluster' },
      { path: 'default_node_pool.upgrade_settings.drain_timeout_in_minutes', when: { kind: 'removed' }, because: DRAIN_TIMEOUT_BECAUSE },
      { path: 'service_principal.client_id', when: { kind: 'if-old-in', values: ['msi', ''] }, because: 'moving from a managed identity to a service principal replaces the cluster' },
      { path: 'windows_profile.gmsa', when: { kind: 'removed' }, because: 'removing the Windows gMSA profile replaces the cluster' },
      { path: 'network_profile', when: { kind: 'added-or-removed' }, because: 'adding or removing `network_profile` is force-new' },
      { path: 'network_profile.load_balancer_profile', when: { kind: 'added-or-removed' }, because: 'adding or removing `load_balancer_profile` is force-new' },
      { path: 'network_profile.nat_gateway_profile', when: { kind: 'added-or-removed' }, because: 'adding or removing `nat_gateway_profile` is force-new' },
    ],
    rolls: [...AKS_POOL_ROTATION.map((p) => `default_node_pool.${p}`), 'default_node_pool.only_critical_addons_enabled', 'default_node_pool.orchestrator_version', 'default_node_pool.os_sku'],
    onDestroy:
      'the control plane, the system pool and every azurerm_kubernetes_cluster_node_pool go with it, with the node resource group (MC_*) and its load balancers. The new cluster has a new API server FQDN, CA and OIDC issuer URL: federated identity credentials naming the old issuer stop working.',
    source: `${AZURERM} internal/services/containers/kubernetes_cluster_resource.go (commit 00378cfc, API 2025-05-01) and website/docs/r/kubernetes_cluster.html.markdown at the same commit (default_node_pool: the stored kubernetes_nodepool.go is a 3.x version).`,
    notes: `${AZURE_VERSION_NOTE} default_node_pool rolls rotate the system pool through \`temporary_name_for_rotation\` (polycluster sets it; without it the apply fails): a temporary pool is created, the old pool deleted and recreated — without cordon and drain, per the provider docs. \`os_sku\` rotates only outside Ubuntu<->AzureLinux. Not read: kubernetes_addons.go (oms_agent, key_vault_secrets_provider, azure_policy_enabled), assumed neither force-new nor rolling.`,
  },
  azurerm_kubernetes_cluster_node_pool: {
    category: 'node pool',
    forceNew: [
      'capacity_reservation_group_id',
      'eviction_policy',
      'gpu_instance',
      'host_group_id',
      'kubernetes_cluster_id',
      'name',
      'node_public_ip_prefix_id',
      'os_type',
      'priority',
      'proximity_placement_group_id',
      'spot_max_price',
      'windows_profile.outbound_nat_enabled',
    ],
    forceNewIf: [
      { path: 'os_sku', when: { kind: 'unless-both-in', values: ['Ubuntu', 'AzureLinux'] }, because: 'an `os_sku` change other than between Ubuntu and AzureLinux replaces the pool' },
      { path: 'upgrade_settings.drain_timeout_in_minutes', when: { kind: 'removed' }, because: DRAIN_TIMEOUT_BECAUSE },
      { path: 'windows_profile', when: { kind: 'added-or-removed' }, because: 'adding or removing `windows_profile` is force-new' },
    ],
    rolls: [...AKS_POOL_ROTATION, 'orchestrator_version', 'os_sku'],
    onDestroy: 'every node of the pool is deleted and its pods rescheduled; the name is fixed, so Terraform destroys before it creates.',
    source: `${AZURERM} internal/services/containers/kubernetes_cluster_node_pool_resource.go (commit of the stored version, API 2024-09-01; its cycleNodePoolProperties list gives the rolls).`,
    notes: `${AZURE_VERSION_NOTE} Rolls rotate the pool through \`temporary_name_for_rotation\` (polycluster sets it). Node labels, taints, counts and \`mode\` update in place. The shared \`node_network_profile\` schema was not read.`,
  },
  azurerm_resource_group: {
    category: 'resource group',
    forceNew: ['location', 'name'],
    onDestroy:
      'deleting a resource group deletes everything in it; with the provider\'s default `prevent_deletion_if_contains_resources` the delete fails while any resource remains (including ones created outside Terraform), so a replacement usually stops half-way. polycluster\'s whole Azure cluster stack lives in it.',
    source: `${AZURERM} internal/services/resource/resource_group_resource.go (commit 0066c24f); name and location use commonschema.ResourceGroupName()/Location(), both ForceNew.`,
    notes: AZURE_VERSION_NOTE,
  },
  azurerm_virtual_network: {
    category: 'network',
    forceNew: ['edge_zone', 'location', 'name', 'resource_group_name'],
    onDestroy: 'Azure refuses to delete a VNet whose subnets are in use (node NICs, the API server subnet): the replacement fails until the cluster is gone.',
    source: `${AZURERM} internal/services/network/virtual_network_resource.go (commit 010e52b1).`,
    notes: `${AZURE_VERSION_NOTE} \`address_space\`, DNS servers and DDoS settings update in place.`,
  },
  azurerm_subnet: {
    category: 'subnet',
    forceNew: ['name', 'resource_group_name', 'virtual_network_name'],
    onDestroy:
      'Azure IDs are built from names, so a replaced subnet keeps its ID and dependants see no change, but the delete fails while node NICs or the API server use it; its NAT gateway and NSG associations are replaced with it.',
    source: `${AZURERM} internal/services/network/subnet_resource.go (commit 00030056).`,
    notes: `${AZURE_VERSION_NOTE} \`address_prefixes\`, delegations and \`default_outbound_access_enabled\` update in place in the provider.`,
  },
  azurerm_nat_gateway: {
    category: 'NAT / egress IP',
    forceNew: ['location', 'name', 'resource_group_name', 'sku_name', 'zones'],
    onDestroy:
      'its subnet and public IP associations go first and nodes lose outbound connectivity (outbound_type userAssignedNATGateway has no fallback) until the new gateway is associated; the public IPs are separate resources, so the egress IPs stay the same.',
    source: `${AZURERM} internal/services/network/nat_gateway_resource.go (commit 02237eab).`,
    notes: `${AZURE_VERSION_NOTE} \`idle_timeout_in_minutes\` updates in place. The newer sources also make \`source_virtual_network_id\` force-new; it is not in the 4.55.0 schema.`,
  },
  azurerm_public_ip: {
    category: 'NAT / egress IP',
    forceNew: ['edge_zone', 'ip_tags', 'ip_version', 'location', 'name', 'public_ip_prefix_id', 'resource_group_name', 'sku_tier', 'zones'],
    forceNewIf: [
      { path: 'sku', when: { kind: 'unless-upgrade', order: ['Basic', 'Standard', 'StandardV2'] }, because: 'a SKU change other than an upgrade (Basic -> Standard -> StandardV2) replaces the IP' },
      { path: 'domain_name_label_scope', when: { kind: 'changed-once-set' }, because: 'changing or removing a DNS label scope once set replaces the IP' },
    ],
    onDestroy: 'the address is released: the NAT egress IP partners allow-list, or the ingress IP DNS records point at, changes.',
    source: `${AZURERM} internal/services/network/public_ip_resource.go (commit 06598ec9).`,
    notes: `${AZURE_VERSION_NOTE} polycluster uses this type for the NAT egress IPs and the ingress IP alike. \`allocation_method\`, idle timeout, DNS label and DDoS settings update in place.`,
  },
  azurerm_nat_gateway_public_ip_association: {
    category: 'NAT / egress IP',
    forceNew: ['nat_gateway_id', 'public_ip_address_id'],
    onDestroy: 'the NAT gateway stops using the IP until it is associated again: with one IP egress stops, with several the set of source IPs partners see changes.',
    source: `${AZURERM} internal/services/network/nat_gateway_public_ip_association_resource.go (commit 1129711b; the resource has no update).`,
    notes: AZURE_VERSION_NOTE,
  },
  azurerm_subnet_nat_gateway_association: {
    category: 'NAT / egress IP',
    forceNew: ['nat_gateway_id', 'subnet_id'],
    onDestroy: 'the subnet loses its NAT gateway until it is associated again: nodes have no outbound route in between.',
    source: `${AZURERM} internal/services/network/subnet_nat_gateway_association_resource.go (commit 033f40eb; the resource has no update).`,
    notes: AZURE_VERSION_NOTE,
  },
  azurerm_key_vault: {
    category: 'encryption key',
    forceNew: ['location', 'name', 'resource_group_name'],
    onDestroy:
      'the vault and every key in it are soft-deleted (purge protection, which polycluster turns on, keeps them until the retention ends): AKS KMS etcd encryption loses its key and the Key Vault secrets provider its secrets.',
    source: `${AZURERM} internal/services/keyvault/key_vault_resource.go (commit 034d3229, a 3.x version).`,
    notes: `${AZURE_VERSION_NOTE} Access policies, network ACLs, SKU and the RBAC switch update in place; purge protection cannot be turned off (the apply errors, no replacement).`,
  },
  azurerm_key_vault_key: {
    category: 'encryption key',
    forceNew: ['curve', 'key_size', 'key_type', 'key_vault_id', 'name'],
    forceNewIf: [{ path: 'expiration_date', when: { kind: 'removed' }, because: 'a key expiry cannot be removed: dropping `expiration_date` replaces the key' }],
    onDestroy: 'the key is soft-deleted: the AKS cluster\'s `key_management_service.key_vault_key_id` names a key that is gone and etcd can no longer decrypt Secrets.',
    source: `${AZURERM} internal/services/keyvault/key_vault_key_resource.go (commit 0100768b).`,
    notes: `${AZURE_VERSION_NOTE} \`key_opts\`, dates and \`rotation_policy\` update in place.`,
  },
  azurerm_log_analytics_workspace: {
    category: 'logs',
    forceNew: ['location', 'name', 'resource_group_name'],
    onDestroy: 'the workspace and the logs in it are deleted; AKS monitoring (oms_agent, data collection rules) points at the old workspace until updated.',
    source: `${AZURERM} internal/services/loganalytics/log_analytics_workspace_resource.go (commit 0065eefe, a 2.x version).`,
    notes: `${AZURE_VERSION_NOTE} \`sku\` was force-new in the old source read and is not listed: unconfirmed for 4.x. \`retention_in_days\` updates in place.`,
  },
};

/** The table, keyed by Terraform resource type. */
export const REPLACEMENT_RULES: Readonly<Record<string, ReplacementRule>> = rules;

/** One changed attribute as the review's flattener reports it; a side is absent when the path does not exist there. */
export interface PathChange {
  /** Flattened path, list items as `[i]`. */
  readonly path: string;
  /** The old leaf value; absent when the path is new. */
  readonly before?: unknown;
  /** The new leaf value; absent when the path is gone. */
  readonly after?: unknown;
}

/** A conditional attribute that may replace the resource; `because` says when. */
export interface MaybeReplacement {
  /** The changed path, as given. */
  readonly path: string;
  /** The condition under which it replaces the resource. */
  readonly because: string;
}

/** What a change does to one resource. */
export interface ReplacementEffect {
  /** Changed paths (as given) that replace the resource. */
  readonly replaces: readonly string[];
  /** Changed paths that replace it for some values only, when their values were not given or do not settle it. */
  readonly mayReplace: readonly MaybeReplacement[];
  /** Changed paths that keep the resource but replace its nodes (none when it is replaced anyway). */
  readonly rolls: readonly string[];
}

/** Options of {@link replacementEffect}. */
export interface ReplacementOptions {
  /**
   * The resource's `lifecycle.ignore_changes` entries (`scaling_config[0].desired_size`, `all`):
   * changes at or below them never reach the provider.
   * @default none
   */
  readonly ignoreChanges?: readonly string[];
}

/** Top-level keys of Terraform JSON that are meta-arguments, not provider attributes. */
const META_ARGUMENTS = new Set(['//', 'connection', 'count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner']);

/** `a[0].b["k"]` -> `a.b.k`: list indices dropped, quoted map keys joined with dots. */
export function normalizePath(path: string): string {
  return path
    .replace(/\[(\d+|\*)\]/g, '')
    .replace(/\["([^"]*)"\]/g, '.$1')
    .replace(/^\./, '');
}

/** Whether `path` is `rule` or lies below it (`a.b.c` under `a.b`). */
const atOrBelow = (path: string, rule: string): boolean => path === rule || path.startsWith(`${rule}.`);

/** `above` when `path` is a whole block containing `rule`, `below` when it is inside `rule`, `equal`, or undefined. */
function relation(path: string, rule: string): 'equal' | 'below' | 'above' | undefined {
  if (path === rule) return 'equal';
  if (path.startsWith(`${rule}.`)) return 'below';
  if (rule.startsWith(`${path}.`)) return 'above';
  return undefined;
}

/** Unset, empty, zero or false: what "removed" means for the providers' CustomizeDiff checks. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** The value at a dotted path below `value` (lists are walked item by item; their values are collected). */
function valueAt(value: unknown, relative: string): unknown {
  if (relative === '') return value;
  let current: unknown = value;
  for (const key of relative.split('.')) {
    if (Array.isArray(current)) current = current.flatMap((item) => (item !== null && typeof item === 'object' ? [(item as Record<string, unknown>)[key]] : [])).filter((v) => v !== undefined);
    else if (current !== null && typeof current === 'object') current = (current as Record<string, unknown>)[key];
    else return undefined;
  }
  return Array.isArray(current) && current.length === 0 ? undefined : current;
}

const lower = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : isEmpty(value) ? '' : JSON.stringify(value));

/** Whether a conditional rule replaces the resource for these values; undefined when the values do not settle it. */
function conditionHolds(when: ReplaceWhen, before: unknown, after: unknown): boolean | undefined {
  switch (when.kind) {
    case 'removed':
      return !isEmpty(before) && isEmpty(after);
    case 'disabled':
      return before === true && after !== true;
    case 'added-or-removed':
      return isEmpty(before) !== isEmpty(after);
    case 'changed-once-set':
      return !isEmpty(before) && JSON.stringify(before) !== JSON.stringify(after);
    case 'narrowed':
      if (typeof before !== 'string' || typeof after !== 'string' || cidrProblem(before) || cidrProblem(after)) return undefined;
      return !cidrContains(after, before);
    case 'unless-new-in':
      return !when.values.some((v) => v.toLowerCase() === lower(after));
    case 'unless-both-in': {
      const allowed = when.values.map((v) => v.toLowerCase());
      return !(allowed.includes(lower(before)) && allowed.includes(lower(after)));
    }
    case 'unless-upgrade': {
      const order = when.order.map((v) => v.toLowerCase());
      return !(order.indexOf(lower(after)) > order.indexOf(lower(before)) && order.indexOf(lower(before)) >= 0);
    }
    case 'if-old-in':
      return when.values.some((v) => v.toLowerCase() === lower(before));
  }
}

/**
 * The change's effect on one resource: which changed attribute paths force its replacement, may
 * force it (conditional rules whose values were not given or do not decide), or roll its nodes.
 *
 * `changed` comes from a flattener of the Terraform JSON (objects joined with '.', list items as
 * `[i]`): plain paths, or `{ path, before, after }` so one-directional rules can be decided. A
 * path matches a rule path when it equals it, lies below it (`a.b.c` under rule `a.b`) or above it
 * (a whole block `encryption_config` added or removed covers rule `encryption_config.provider.key_arn`).
 * Unknown resource types and meta-arguments (`depends_on`, `lifecycle`, ...) have no effect.
 */
export function replacementEffect(type: string, changed: readonly (string | PathChange)[], options: ReplacementOptions = {}): ReplacementEffect {
  const rule = REPLACEMENT_RULES[type];
  if (!rule) return { replaces: [], mayReplace: [], rolls: [] };
  const ignored = (options.ignoreChanges ?? []).map(normalizePath);
  if (ignored.includes('all')) return { replaces: [], mayReplace: [], rolls: [] };

  const replaces = new Set<string>();
  const mayReplace = new Map<string, string>();
  const rolls = new Set<string>();
  for (const entry of changed) {
    const change = typeof entry === 'string' ? { path: entry } : entry;
    const path = normalizePath(change.path);
    if (path === '' || META_ARGUMENTS.has(path.split('.')[0]!) || ignored.some((i) => atOrBelow(path, i))) continue;
    const hasValues = typeof entry !== 'string';

    if (rule.forceNew.some((p) => relation(path, p) !== undefined)) replaces.add(change.path);
    for (const conditional of rule.forceNewIf ?? []) {
      const rel = relation(path, conditional.path);
      if (rel === undefined) continue;
      if (conditional.when.kind === 'added-or-removed' && rel === 'below') {
        // A change inside the block: only an added or removed leaf can mean the block came or went.
        if (hasValues && !('before' in change && 'after' in change)) mayReplace.set(change.path, conditional.because);
        continue;
      }
      const relative = rel === 'above' ? conditional.path.slice(path.length + 1) : '';
      const holds = hasValues ? conditionHolds(conditional.when, valueAt(change.before, relative), valueAt(change.after, relative)) : undefined;
      if (holds === true) replaces.add(change.path);
      else if (holds === undefined) mayReplace.set(change.path, conditional.because);
    }
    if ((rule.rolls ?? []).some((p) => relation(path, p) !== undefined)) rolls.add(change.path);
  }
  for (const path of replaces) mayReplace.delete(path);
  return {
    replaces: [...replaces],
    mayReplace: [...mayReplace].map(([path, because]) => ({ path, because })),
    rolls: replaces.size > 0 ? [] : [...rolls],
  };
}
