import type { Rule } from './context';
import { chartRegistries, chartsOf, REGISTRY_HOST, REGISTRY_MIRROR } from '../chart-images';
import type { ProblemList } from '../problems';
import { DNS_ZONE, EMAIL } from './patterns';

export const egressRule: Rule = ({ draft, problems, cell }) => {
  registryMirrorRules(draft.registryMirrors, problems);
  if (draft.nat !== 'none') return;
  // Without internet egress every chart image must come through a mirror.
  if (cell) {
    for (const chart of chartsOf(draft.cloud, cell, draft)) {
      for (const registry of chartRegistries(chart)) {
        if (draft.registryMirrors[registry] !== undefined) continue;
        problems.add(
          'egress.registryMirrors',
          draft.registryMirrors,
          `has no mirror for ${registry}, which the ${chart} chart pulls from; with egress.nat none nodes cannot reach it`,
          `add "${registry}": "<account>.dkr.ecr.<region>.amazonaws.com/<prefix>" (an ECR pull-through cache rule for ${registry}) or your own mirror`,
        );
      }
    }
  }
  if (draft.cloud === 'azure') {
    problems.add('egress.nat', 'none', 'is not offered on AKS: a network-isolated AKS cluster needs a private registry cache that polycluster does not create', 'use single or per-zone');
  }
  if (draft.cloud === 'aws' && draft.ingress.externalDnsZones.length > 0) {
    problems.add('ingress.externalDnsZones', draft.ingress.externalDnsZones, 'needs the Route 53 API, which ExternalDNS reaches over the internet and a VPC with egress.nat none cannot', 'remove the zones, or use egress.nat single or per-zone');
  }
  if (draft.cloud === 'aws' && draft.ingress.exposure === 'internet-facing') {
    problems.add('ingress.exposure', 'internet-facing', 'needs public subnets and an internet gateway, which a VPC with egress.nat none does not have', 'use exposure internal, or egress.nat single or per-zone');
  }
};

export const ingressRule: Rule = ({ draft, problems }) => {
  const { controller, externalDnsZones } = draft.ingress;
  if (draft.cloud === 'azure' && controller === 'cloud') {
    problems.add(
      'ingress.controller',
      'cloud',
      "has no supported choice on AKS: Azure support for the NGINX application routing add-on ends in November 2026, its Gateway API mode is in preview, and Application Gateway for Containers has no private frontends",
      'use traefik (the AKS default) or nginx; Services of type LoadBalancer still get Azure load balancers',
    );
  }
  externalDnsZones.forEach((zone, i) => {
    const at = `ingress.externalDnsZones[${i}]`;
    if (!DNS_ZONE.test(zone)) problems.add(at, zone, 'is not a DNS zone name', 'use the zone name, e.g. apps.example.com');
    else if (externalDnsZones.indexOf(zone) !== i) problems.add(at, zone, 'is listed twice', 'list each zone once');
  });
};

export const certManagerRule: Rule = ({ draft, problems }) => {
  const { acme, enabled } = draft.certManager;
  if (!acme) return;
  if (!enabled) {
    problems.add('certManager.acme', acme, 'needs cert-manager, which certManager.enabled turns off', 'remove certManager.acme, or enable cert-manager');
  }
  if (!EMAIL.test(acme.email)) problems.add('certManager.acme.email', acme.email, 'is not an e-mail address', "use the address Let's Encrypt should write to");
  if (acme.solver === 'dns01' && acme.dnsZones.length === 0) {
    problems.add('certManager.acme.dnsZones', [], 'is empty, but DNS01 needs the zones cert-manager may write to', 'list the DNS zones, or use solver http01');
  }
  acme.dnsZones.forEach((zone, i) => {
    const at = `certManager.acme.dnsZones[${i}]`;
    if (!DNS_ZONE.test(zone)) problems.add(at, zone, 'is not a DNS zone name', 'use the zone name, e.g. example.com');
    else if (acme.dnsZones.indexOf(zone) !== i) problems.add(at, zone, 'is listed twice', 'list each zone once');
  });
  if (acme.solver === 'http01' && acme.dnsZones.length > 0) {
    problems.add('certManager.acme.dnsZones', acme.dnsZones, 'names DNS zones, but solver http01 writes no DNS records and would leave them unused', 'remove certManager.acme.dnsZones, or use solver dns01');
  }
  if (acme.solver === 'http01' && draft.cloud === 'aws' && draft.ingress.controller === 'cloud') {
    problems.add(
      'certManager.acme.solver',
      'http01',
      "would go through the alb IngressClass, where every Ingress gets its own ALB: the challenge's Ingress is not behind the app's address, and an ALB serves only ACM certificates",
      'use solver dns01, or ingress.controller traefik or nginx',
    );
  }
  if (draft.nat === 'none') {
    problems.add('certManager.acme', acme, "needs Let's Encrypt and the cloud's DNS API on the internet, which a cluster with egress.nat none cannot reach", 'remove certManager.acme (the internal CA issuer needs no egress), or use egress.nat single or per-zone');
  }
  if (acme.solver === 'http01' && draft.ingress.exposure !== 'internet-facing') {
    problems.add('certManager.acme.solver', 'http01', "needs Let's Encrypt to reach the ingress from the internet, but ingress.exposure is internal", 'use solver dns01, or set ingress.exposure internet-facing');
  }
};

function registryMirrorRules(mirrors: Readonly<Record<string, string>>, problems: ProblemList): void {
  for (const [registry, mirror] of Object.entries(mirrors)) {
    const at = `egress.registryMirrors["${registry}"]`;
    if (!REGISTRY_HOST.test(registry)) {
      problems.add(at, registry, 'is not a registry host name', 'key the mirror by the upstream registry host, e.g. "quay.io" or "registry.k8s.io"');
    }
    if (!REGISTRY_MIRROR.test(mirror)) {
      problems.add(at, mirror, 'is not a registry host with an optional path, in lowercase and without a scheme', 'write it as an image reference prefix, e.g. 111122223333.dkr.ecr.eu-west-1.amazonaws.com/quay');
    }
  }
}
