import { createHash } from 'node:crypto';

/**
 * `<cluster>-<suffix>` within a cloud's length limit. Long names are cut and given a short
 * stable hash of the full name, so two clusters never collide and a name never changes between
 * synths (a changed name replaces the resource). Trailing separators of the cut part are dropped:
 * most clouds refuse names with doubled or trailing hyphens.
 */
export function boundedName(cluster: string, suffix: string, limit: number): string {
  const full = `${cluster}-${suffix}`;
  if (full.length <= limit) return full;
  const hash = shortHash(full);
  const room = limit - suffix.length - hash.length - 2;
  return `${cluster.slice(0, room).replace(/[-_.]+$/, '')}-${hash}-${suffix}`;
}

/** Eight hex characters of SHA-256: stable identifiers derived from names. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** `platform-admins@acme.example` -> `PlatformAdminsAcmeExample`: a construct id from a name. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
