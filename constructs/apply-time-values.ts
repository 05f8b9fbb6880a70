/**
 * Values a manifest needs that exist only once Terraform has looked them up or created them (a
 * hosted zone's id, a managed identity's client id). The manifests hold a readable placeholder
 * for each, which is what `dist/manifests` shows; the cloud builder supplies the Terraform
 * references, and the policies stack applies the objects with those references in place.
 */

/** The apply-time values polycluster's manifests use. */
export const APPLY_TIME = {
  /** The Azure subscription the DNS zones are in (the provider's). */
  azureSubscriptionId: 'azure-subscription-id',
  /** The client id of cert-manager's Azure managed identity. */
  certManagerClientId: 'cert-manager-client-id',
  /** Route 53: the id of the `i`th `certManager.acme.dnsZones` hosted zone. */
  dns01ZoneId: (i: number) => `dns01-zone-${i}-id`,
  /** Cloud DNS: the managed zone's resource name (not its DNS name). */
  dns01ZoneName: (i: number) => `dns01-zone-${i}-name`,
  /** Azure DNS: the zone's resource group. */
  dns01ZoneResourceGroup: (i: number) => `dns01-zone-${i}-resource-group`,
} as const;

/** Placeholders are not Terraform syntax: in a `${...}` Terraform would try to evaluate them. */
const PLACEHOLDER = /^<terraform: ([a-z0-9-]+)>$/;

/** The placeholder a manifest holds for `key`. */
export const applyTimeValue = (key: string): string => `<terraform: ${key}>`;

/** Terraform references (tokens) by apply-time key. */
export type ApplyTimeValues = Readonly<Record<string, string>>;

/** Every apply-time key a JSON value holds, sorted. */
export function applyTimeKeys(value: unknown): string[] {
  const keys = new Set<string>();
  visit(value, (s) => {
    const key = PLACEHOLDER.exec(s)?.[1];
    if (key !== undefined) keys.add(key);
    return s;
  });
  return [...keys].sort();
}

/**
 * A copy of `value` with every placeholder replaced by its Terraform reference. A placeholder
 * without a value is a defect of the cloud builder, so it stops the synth.
 */
export function withApplyTimeValues<T>(value: T, values: ApplyTimeValues, where: string): T {
  const missing = applyTimeKeys(value).filter((key) => values[key] === undefined);
  if (missing.length > 0) throw new Error(`polycluster: ${where} needs apply-time values the cloud builder did not supply: ${missing.join(', ')}`);
  return visit(value, (s) => {
    const key = PLACEHOLDER.exec(s)?.[1];
    return key === undefined ? s : values[key]!;
  }) as T;
}

function visit(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => visit(v, map));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, map)]));
  return value;
}
