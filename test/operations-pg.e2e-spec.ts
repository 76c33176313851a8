import { randomUUID } from 'node:crypto';
import { Temporal } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { ReadModels } from '../apps/contracts/src/read-models/read-models.provider';
import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import { draftBasicCall, signBoth, storedEvents } from './support/contract-steps';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp, type TestApp } from './support/test-app';

// The read models' lag on PostgreSQL: counted over more than one page of events (1 000 a page),
// contract streams only, aged by the database's own stored_at.

describeWithPostgres('the operational view on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  let t: TestApp;
  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'operations');
    t = await startTestApp({ eventStoreUrl: schema.storeUrl });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  it('counts a backlog of more than one page behind a stopped projector, and its age', async () => {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    await t.http().get('/contracts').expect(200);
    const caughtUp = (await t.http().get('/subscribers/read-models').expect(200)).body;
    expect(caughtUp).toMatchObject({ checkpoint: (await storedEvents(t, id)).at(-1)!.position, lag: { events: 0, seconds: 0 } });

    // Stopped for good: the probes below are not contract events the projector could fold.
    await t.app.get(ReadModels).projector.stop();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const probes = (count: number) => Array.from({ length: count }, () => ({ eventId: randomUUID(), type: 'Probe', data: {}, metadata: {} }));
    const first = await store.append(`contract-${randomUUID()}`, probes(700), { expectedRevision: 'no-stream' });
    await store.append('audit-probe', probes(300), { expectedRevision: 'no-stream' }); // not a contract stream: not counted
    const last = await store.append(`contract-${randomUUID()}`, probes(650), { expectedRevision: 'no-stream' });

    const [oldest] = await store.readAll({ fromPosition: BigInt(caughtUp.checkpoint), maxCount: 1 });
    expect(oldest.position).toBe(first.position - 699n);
    t.clock.set(Temporal.Instant.from(oldest.storedAt).add({ seconds: 75 }).toString());

    const view = (await t.http().get('/subscribers').expect(200)).body;
    expect(view.headPosition).toBe(last.position.toString());
    expect(view.subscribers[0]).toMatchObject({ id: 'read-models', state: 'paused', checkpoint: caughtUp.checkpoint, lag: { events: 1_350, seconds: 75 } });
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toContain('\ncontract_subscriber_lag_events{subscriber="read-models",kind="projection"} 1350\n');
    expect(metrics).toContain('\ncontract_subscriber_lag_seconds{subscriber="read-models",kind="projection"} 75\n');
    expect(metrics).toContain(`\ncontract_event_store_head_position ${last.position}\n`);
  });
});
