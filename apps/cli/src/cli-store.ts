import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type EventStore, openEventStore } from '@app/event-store';
import { readServiceConfig } from '../../contracts/src/service-config';
import { CLI_IO, type CliIo } from './cli-io';

// The event store, opened the way the service opens it (EVENT_STORE_URL, DATA_DIR) but only when a
// command needs it: `verify-bundle` and `calendar` must run on a machine with no store at all.

@Injectable()
export class CliStore implements OnModuleDestroy {
  private opened?: Promise<{ store: EventStore; description: string }>;

  constructor(@Inject(CLI_IO) private readonly io: CliIo) {}

  async store(): Promise<EventStore> {
    this.opened ??= (async () => {
      const config = readServiceConfig(this.io.env);
      return openEventStore(config.eventStoreUrl, { dataDir: config.dataDir });
    })();
    return (await this.opened).store;
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.opened) return;
    const { store } = await this.opened.catch(() => ({ store: undefined }));
    await store?.close();
  }
}
