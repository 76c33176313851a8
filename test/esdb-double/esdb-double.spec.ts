// The double through the real @eventstore/db-client: what the adapter relies on must come out of
// the client exactly as it would from a server (error classes, positions, filters, catch-up).
import { randomUUID } from 'node:crypto';
import {
  ANY,
  END,
  EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { EsdbDouble } from './esdb-double';

const event = (type = 'Tested', id: string = randomUUID()) => jsonEvent({ id, type, data: { n: 1 }, metadata: { by: 'test' } });

describe('EventStoreDB protocol double, through the real client', () => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    double = await EsdbDouble.start();
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  it('maps a revision conflict to WrongExpectedVersionError with the stream, expected and actual revision', async () => {
    await client.appendToStream('contract-a', [event(), event()], { expectedRevision: NO_STREAM });
    const error = await client.appendToStream('contract-a', [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'contract-a', expectedVersion: 0n, actualVersion: 1n });
    const missing = await client.appendToStream('contract-b', [event()], { expectedRevision: 3n }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ expectedVersion: 3n, actualVersion: 'no_stream' });
  });

  it('answers a retried append with the original result and writes nothing (idempotence by event id)', async () => {
    const batch = [event(), event()];
    const first = await client.appendToStream('contract-a', batch, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream('contract-a', batch, { expectedRevision: NO_STREAM });
    const anyAgain = await client.appendToStream('contract-a', batch, { expectedRevision: ANY });
    expect(again).toEqual(first);
    expect(anyAgain).toEqual(first);
    expect(double.log.records.filter((r) => r.streamId === 'contract-a')).toHaveLength(2);
    // Same ids in another stream: EventStoreDB ids are only unique per stream, so this writes.
    await client.appendToStream('contract-b', batch, { expectedRevision: NO_STREAM });
    expect(double.log.records.filter((r) => r.streamId === 'contract-b')).toHaveLength(2);
  });

  it('reports a missing stream as StreamNotFoundError and reads both ways', async () => {
    const read = async (iterable: AsyncIterable<{ event?: { revision: bigint } }>) => {
      const revisions: bigint[] = [];
      for await (const e of iterable) revisions.push(e.event?.revision as bigint);
      return revisions;
    };
    await expect(read(client.readStream('nowhere'))).rejects.toBeInstanceOf(StreamNotFoundError);
    await client.appendToStream('contract-a', [event(), event(), event()]);
    expect(await read(client.readStream('contract-a', { fromRevision: 1n }))).toEqual([1n, 2n]);
    expect(await read(client.readStream('contract-a', { direction: 'backwards', fromRevision: END, maxCount: 2 }))).toEqual([2n, 1n]);
  });

  it('keeps its own system events in $all, with commit = prepare positions increasing', async () => {
    await client.appendToStream('contract-a', [event()]);
    const all: AllStreamResolvedEvent[] = [];
    for await (const e of client.readAll()) all.push(e);
    expect(all.map((e) => e.event?.streamId)).toEqual(['$epoch-information', 'contract-a']);
    const [system, mine] = all.map((e) => e.event?.position as { commit: bigint; prepare: bigint });
    expect(mine.commit).toBeGreaterThan(system.commit);
    expect(mine.prepare).toBe(mine.commit);
  });

  it('catches a filtered $all subscription up, says so, then pushes live events', async () => {
    await client.appendToStream('contract-a', [event('Signed')]);
    await client.appendToStream('invoice-1', [event('Billed')]);
    const subscription = client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['contract-'] }) });
    const seen: string[] = [];
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const live = new Promise<void>((resolve) =>
      subscription.on('data', (e: AllStreamResolvedEvent) => {
        seen.push(`${e.event?.streamId}:${e.event?.type}`);
        if (seen.length === 2) resolve();
      }),
    );
    await caughtUp;
    expect(seen).toEqual(['contract-a:Signed']);
    await client.appendToStream('invoice-2', [event('Billed')]);
    await client.appendToStream('contract-b', [event('Signed')]);
    await live;
    expect(seen).toEqual(['contract-a:Signed', 'contract-b:Signed']);
    await subscription.unsubscribe();
  });

  it('filters out system event types with excludeSystemEvents()', async () => {
    await client.appendToStream('contract-a', [event()]);
    const subscription = client.subscribeToAll({ filter: excludeSystemEvents() });
    const first = await new Promise<AllStreamResolvedEvent>((resolve) => subscription.once('data', resolve));
    expect(first.event?.streamId).toBe('contract-a');
    await subscription.unsubscribe();
  });

  it('ends a live subscription with an error the client can recover from when connections drop', async () => {
    const subscription = client.subscribeToAll({ fromPosition: END });
    const errored = new Promise<unknown>((resolve) => subscription.once('error', resolve));
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    await double.dropConnections();
    expect(await errored).toBeInstanceOf(Error);
    // The client reconnects on its next call, to the same address.
    await expect(client.appendToStream('contract-a', [event()])).resolves.toMatchObject({ success: true });
  });
});
