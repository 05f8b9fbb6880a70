import type { Rule } from './context';
import { DNS_ZONE, EMAIL } from './patterns';

export const egressRule: Rule = ({ draft, problems }) => {
  if (draft.nat !== 'none') return;
  if (draft.cloud === 'azure') {
    problems.add('egress.nat', 'none', 'is not offered on AKS: a network-isolated AKS cluster needs a private registry cache that polycluster does not create', 'use single or per-zone');
  }
  if (draft.cloud === 'aws' && draft.ingress.exposure === 'internet-facing') {
    problems.add('ingress.exposure', 'internet-facing', 'needs public subnets and an internet gateway, which a VPC with egress.nat none does not have', 'use exposure internal, or egress.nat single or per-zone');
  }
};

export const ingressRule: Rule = ({ draft, problems }) => {
  draft.ingress.externalDnsZones.forEach((zone, i) => {
    if (!DNS_ZONE.test(zone)) problems.add(`ingress.externalDnsZones[${i}]`, zone, 'is not a DNS zone name', 'use the zone name, e.g. apps.example.com');
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
    if (!DNS_ZONE.test(zone)) problems.add(`certManager.acme.dnsZones[${i}]`, zone, 'is not a DNS zone name', 'use the zone name, e.g. example.com');
  });
  if (acme.solver === 'http01' && draft.ingress.exposure !== 'internet-facing') {
    problems.add('certManager.acme.solver', 'http01', "needs Let's Encrypt to reach the ingress from the internet, but ingress.exposure is internal", 'use solver dns01, or set ingress.exposure internet-facing');
  }
};
