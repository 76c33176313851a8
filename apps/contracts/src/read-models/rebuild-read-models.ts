import { Logger } from '@nestjs/common';
import { openEventStore } from '@app/event-store';
import { openReadModelStore, resolveReadModelTarget } from '@app/read-models';
import type { ServiceConfig } from '../service-config';
import { createProjector } from './read-models.provider';

/**
 * Rebuilds the read models from position 0 outside the service (a CLI). Run it while no service
 * instance projects into the same read models; embedded stores are single-process anyway.
 */
export async function rebuildReadModels(config: ServiceConfig, logger = new Logger('RebuildReadModels')): Promise<{ position: bigint | undefined; description: string; rebuildMs: number }> {
  const events = await openEventStore(config.eventStoreUrl, { dataDir: config.dataDir });
  try {
    const target = resolveReadModelTarget(config.readModelUrl, { eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir });
    const readModels = await openReadModelStore(target);
    try {
      // Timed without opening and closing the stores: what the operator waits for, and what the benchmark compares.
      const started = performance.now();
      const position = await createProjector(events.store, readModels.store, logger).rebuild();
      const rebuildMs = performance.now() - started;
      logger.log(`rebuilt ${readModels.description} from ${events.description} up to position ${position ?? 'none'} in ${Math.round(rebuildMs / 100) / 10} s`);
      return { position, description: readModels.description, rebuildMs };
    } finally {
      await readModels.store.close();
    }
  } finally {
    await events.store.close();
  }
}
