import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { EventStore } from '@app/event-store';
import { EVENT_SOURCE, toPublicCloudEvent } from '@app/integration';
import { createApp } from '../../apps/contracts/src/create-app';
import { EventStreams } from '../../apps/contracts/src/integration/event-stream/event-streams';
import type { ServiceConfig } from '../../apps/contracts/src/service-config';
import { EVENT_STORE } from '../../apps/contracts/src/store/event-store.provider';
import { parseKek } from '@app/confidential';
import { ManualClock } from './manual-clock';
import { authenticated, TEST_ADMIN_KEY, TEST_KEK, type TestApp } from './test-app';

// The real app listening on an ephemeral loopback port, for SSE tests that need a socket (supertest
// buffers whole bodies). Exposes the store and the open streams so tests can compare and inspect.

export interface StreamTestApp extends TestApp {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  store: EventStore;
  streams: EventStreams;
}

export async function startStreamApp(options: { eventStoreUrl?: string; heartbeatSeconds?: number } = {}): Promise<StreamTestApp> {
  const config: ServiceConfig = {
    port: 0,
    eventStoreUrl: options.eventStoreUrl ?? 'pglite:memory',
    dataDir: '/nonexistent',
    accrualIntervalSeconds: 0,
    sseHeartbeatSeconds: options.heartbeatSeconds ?? 60, // long by default: tests that want beats ask
    confidential: { kek: parseKek(TEST_KEK), previousKeks: [] },
    auth: { bootstrapApiKey: TEST_ADMIN_KEY },
  };
  const clock = new ManualClock('2021-01-10T09:00:00+08:00');
  const app = await createApp(config, { clock, logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    clock,
    http: () => authenticated(app.getHttpServer()),
    anonymous: () => request(app.getHttpServer()),
    close: () => app.close(),
    baseUrl: `http://127.0.0.1:${port}`,
    store: app.get<EventStore>(EVENT_STORE),
    streams: app.get(EventStreams),
  };
}

/** What the stream should carry: every contract event in the store, as id/type/envelope. */
export async function expectedStream(store: EventStore, after = 0n): Promise<{ id: string; event: string; data: Record<string, unknown> }[]> {
  const recorded = await store.readAll({ fromPosition: after, streamPrefix: 'contract-' });
  return recorded.flatMap((event) => {
    const cloudEvent = toPublicCloudEvent(event, { source: EVENT_SOURCE });
    return cloudEvent ? [{ id: event.position.toString(), event: cloudEvent.type, data: cloudEvent as unknown as Record<string, unknown> }] : [];
  });
}
