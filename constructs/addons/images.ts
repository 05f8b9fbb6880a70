import { mirroredRepository } from '../spec';

/**
 * A chart's `image` values for one upstream repository: the mirror from `egress.registryMirrors`
 * when the spec names one for its registry, nothing otherwise (the chart's own default, with its
 * digest, which a pull-through mirror serves unchanged).
 */
export function imageValues(upstream: string, mirrors: Readonly<Record<string, string>>): { image?: { repository: string } } {
  const repository = mirroredRepository(upstream, mirrors);
  return repository === upstream ? {} : { image: { repository } };
}
