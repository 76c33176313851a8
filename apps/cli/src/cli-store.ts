import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { PartyKeys } from '@app/confidential';
import { Temporal } from '@app/contracts-domain';
import { type EventStore, openEventStore } from '@app/event-store';
import { openReadModelStore, resolveReadModelTarget } from '@app/read-models';
import { openDataKeyStore, openPartyKeys } from '../../contracts/src/confidential/open-party-keys';
import { readServiceConfig } from '../../contracts/src/service-config';
import { CLI_IO, type CliIo } from './cli-io';

// The event store, opened the way the service opens it (EVENT_STORE_URL, DATA_DIR) but only when a
// command needs it: `verify-bundle` and `calendar` must run on a machine with no store at all.

@Injectable()
export class CliStore implements OnModuleDestroy {
  private opened?: Promise<{ store: EventStore; description: string }>;
  private keys?: Promise<{ keys: PartyKeys; close: () => Promise<void> }>;

  constructor(@Inject(CLI_IO) private readonly io: CliIo) {}

  async store(): Promise<EventStore> {
    this.opened ??= (async () => {
      const config = readServiceConfig(this.io.env);
      return openEventStore(config.eventStoreUrl, { dataDir: config.dataDir });
    })();
    return (await this.opened).store;
  }

  /**
   * The confidential data keys (5.2), where the service keeps them (beside its read models), so an
   * import encrypts party details exactly as POST /contracts does. Opened only by `import`.
   */
  async partyKeys(): Promise<PartyKeys> {
    this.keys ??= (async () => {
      const config = readServiceConfig(this.io.env);
      const readModels = await openReadModelStore(resolveReadModelTarget(config.readModelUrl, { eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir }));
      try {
        const store = await openDataKeyStore(readModels.sql);
        const keys = await openPartyKeys(config, store, readModels.sql !== undefined, () => Temporal.Now.instant().toString({ smallestUnit: 'millisecond' }));
        return { keys, close: () => readModels.store.close() };
      } catch (error) {
        await readModels.store.close();
        throw error;
      }
    })();
    return (await this.keys).keys;
  }

  async onModuleDestroy(): Promise<void> {
    const keys = await this.keys?.catch(() => undefined);
    await keys?.close();
    if (!this.opened) return;
    const { store } = await this.opened.catch(() => ({ store: undefined }));
    await store?.close();
  }
}
