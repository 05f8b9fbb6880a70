import type { CloudBuilder, CloudModule } from './cloud-builder';
import type { Cloud } from './spec';

/** Loads a cloud folder on first use. */
export type CloudLoaders = { readonly [C in Cloud]: () => Promise<CloudModule> };

/**
 * Entry modules of the cloud folders, relative to this file. They are imported only when a spec
 * needs that cloud: loading a provider binding is most of the synth time, so an AWS-only fleet
 * never loads the Google or Azure bindings.
 */
export const CLOUD_ENTRY_MODULES: { readonly [C in Cloud]: string } = {
  aws: './aws/index.js',
  gcp: './gcp/index.js',
  azure: './azure/index.js',
};

const importEntry = (cloud: Cloud) => async (): Promise<CloudModule> => {
  // A variable specifier keeps the import lazy and out of the type checker's module graph.
  const specifier = CLOUD_ENTRY_MODULES[cloud];
  return (await import(specifier)) as CloudModule;
};

/** The loaders that import the cloud folders of this package. */
export const DEFAULT_CLOUD_LOADERS: CloudLoaders = {
  aws: importEntry('aws'),
  gcp: importEntry('gcp'),
  azure: importEntry('azure'),
};

/**
 * Picks the builder for a cloud. Builders arrive either by `load` (lazy import, used by
 * `defineFleet`) or by `register` (a cloud entry point registering itself on import, for
 * consumers that import `polycluster/aws` and call `defineCluster` directly).
 */
export class CloudDispatcher {
  private readonly builders = new Map<Cloud, CloudBuilder>();

  constructor(private readonly loaders: CloudLoaders = DEFAULT_CLOUD_LOADERS) {}

  /** Makes a builder available without loading anything. */
  register(builder: CloudBuilder): void {
    this.builders.set(builder.cloud, builder);
  }

  /** Loads each cloud's folder once; clouds not named are never loaded. */
  async load(clouds: Iterable<Cloud>): Promise<void> {
    for (const cloud of new Set(clouds)) {
      if (this.builders.has(cloud)) continue;
      let loaded: CloudModule;
      try {
        loaded = await this.loaders[cloud]();
      } catch (error) {
        throw new Error(`polycluster: cannot load the ${cloud} cloud folder (constructs/${cloud}): ${(error as Error).message}`);
      }
      if (loaded.builder?.cloud !== cloud) {
        throw new Error(`polycluster: the ${cloud} cloud folder does not export a builder for ${cloud}`);
      }
      this.register(loaded.builder);
    }
  }

  /** The builder of a loaded or registered cloud. */
  builderFor(cloud: Cloud): CloudBuilder {
    const builder = this.builders.get(cloud);
    if (!builder) {
      throw new Error(
        `polycluster: no builder for ${cloud} is loaded; use defineFleet (it loads the clouds a fleet needs) or import polycluster/${cloud} before defineCluster`,
      );
    }
    return builder;
  }

  /** The clouds whose builders are available. */
  get loadedClouds(): Cloud[] {
    return [...this.builders.keys()].sort();
  }
}

/** The process-wide dispatcher that cloud entry points register with. */
export const cloudDispatcher = new CloudDispatcher();
