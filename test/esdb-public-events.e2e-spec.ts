import { EventStoreDBClient, START } from '@eventstore/db-client';
import type { EventStore } from '@app/event-store';
import { EVENT_SOURCE, toPublicCloudEvent, validatePublicEvent } from '@app/integration';
import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import { publicEventOf } from '../examples/integrations/esdb-public-event';
import { EsdbDouble } from './esdb-double/esdb-double';
import { draftBasicCall, payInFull, signBoth } from './support/contract-steps';
import { startTestApp, type TestApp } from './support/test-app';

// The EventStoreDB example's mapping (examples/integrations/esdb-public-event.ts) on what the
// service wrote to an EventStoreDB endpoint (the protocol double, through the real client): every
// contract event read straight from $all becomes the same CloudEvent the SSE stream and webhooks
// send, valid against its schema; the store's own bookkeeping records are left out. The double has
// no persistent subscriptions, so the example's group set-up itself needs a real server.

describe('the public format read straight from EventStoreDB', () => {
  let double: EsdbDouble;
  let t: TestApp;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    double = await EsdbDouble.start();
    t = await startTestApp({ eventStoreUrl: double.url, readModelUrl: 'memory:' });
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    await payInFull(t, id);
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterAll(async () => {
    await client?.dispose();
    await t?.close();
    await double?.stop();
  });

  it('maps every contract event to the CloudEvent the service publishes, and nothing else', async () => {
    const raw = [];
    for await (const resolved of client.readAll({ fromPosition: START })) raw.push(resolved);
    const mapped = raw.map((resolved) => publicEventOf(resolved, 'https://contracts.example.com')).filter((e) => e !== undefined);

    const stored = await t.app.get<EventStore>(EVENT_STORE).readAll({ streamPrefix: 'contract-' });
    expect(stored.length).toBeGreaterThanOrEqual(6);
    expect(raw.length).toBeGreaterThan(stored.length); // the adapter's own claim records are in $all too
    expect(mapped).toEqual(stored.map((e) => toPublicCloudEvent(e, { source: EVENT_SOURCE, schemaBaseUrl: 'https://contracts.example.com' })));
    expect(mapped.map((e) => validatePublicEvent(e)).filter((v) => !v.valid)).toEqual([]);
    expect(mapped[0]).toMatchObject({ type: 'contract.drafted.v1', dataschema: 'https://contracts.example.com/events/schemas/contract.drafted.v1.json' });
  });
});
