import type { Cloud } from './types';

/**
 * The Kubernetes minor versions each cloud accepts for new clusters, oldest and newest, as
 * published in the clouds' version calendars (reviewed 2026-11). Older versions are in paid
 * extended support or gone; bump these when a cloud ships or retires a minor.
 */
export const KUBERNETES_VERSIONS: {
  readonly [C in Cloud]: {
    /** The oldest minor version the cloud accepts for new clusters. */
    readonly oldest: string;
    /** The newest minor version the cloud accepts. */
    readonly newest: string;
  };
} = {
  // EKS: 1.32 and 1.33 are in extended support until 2027; 1.36 is the newest standard release.
  aws: { oldest: '1.32', newest: '1.36' },
  // GKE release channels (Stable to Rapid).
  gcp: { oldest: '1.33', newest: '1.36' },
  // AKS: the three newest GA minors, plus LTS on 1.33.
  azure: { oldest: '1.33', newest: '1.36' },
};

/** `1.34` -> 34; undefined unless the string is a `1.<minor>` version. */
export function minorOf(version: string): number | undefined {
  const match = /^1\.(0|[1-9]\d{0,2})$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** Whether a version lies inside the cloud's window. */
export function isSupportedVersion(cloud: Cloud, version: string): boolean {
  const minor = minorOf(version);
  const window = KUBERNETES_VERSIONS[cloud];
  return minor !== undefined && minor >= minorOf(window.oldest)! && minor <= minorOf(window.newest)!;
}
