import { randomUUID } from 'node:crypto';
import { contractStreamId } from '@app/contract-store';
import { validatePublicEvent } from '@app/integration';
import { draftBasicCall, payInFull, signBoth } from './support/contract-steps';
import { expectedStream, startStreamApp, type StreamTestApp } from './support/event-stream-app';
import { SseClient } from './support/sse-client';
import { checkResumeAtRandomPoints } from './support/sse-resume';
import { expectProblem } from './support/test-app';

// GET /events over a real socket: catch-up in global order, then live; resume after Last-Event-ID;
// filters; problems before the stream opens; bounded buffering for a client that stops reading.

describe('GET /events (Server-Sent Events, embedded store)', () => {
  let t: StreamTestApp;
  let first: string;
  let second: string;
  const open: SseClient[] = [];
  const connect = async (query = '', headers: Record<string, string> = {}) => {
    const client = await SseClient.open(`${t.baseUrl}/events${query}`, headers);
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startStreamApp({ heartbeatSeconds: 1 });
    first = await draftBasicCall(t);
    await signBoth(t, first);
    await payInFull(t, first);
    second = await draftBasicCall(t);
  });
  afterEach(() => open.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  it('sends the retry hint, then every stored contract event in global order with id = position', async () => {
    const expected = await expectedStream(t.store);
    expect(expected.length).toBeGreaterThan(5);
    const client = await connect();
    expect(client.status).toBe(200);
    expect(client.response.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    expect((await client.nextFrame())?.retry).toBe('3000');
    const events = await client.events(expected.length);
    expect(events).toEqual(expected);
    const positions = events.map((e) => BigInt(e.id));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(events.every((e) => e.event === e.data.type && e.data.position === e.id)).toBe(true);
    expect(events.map((e) => validatePublicEvent(e.data)).filter((v) => !v.valid)).toEqual([]);
  });

  it('goes on with live events once caught up', async () => {
    const client = await connect();
    const before = await expectedStream(t.store);
    await client.events(before.length);
    await signBoth(t, second);
    const after = await expectedStream(t.store, BigInt(before.at(-1)!.id));
    expect(after.map((e) => e.event)).toEqual(expect.arrayContaining(['contract.signed.v1', 'contract.took-effect.v1']));
    expect(await client.events(after.length)).toEqual(after);
  });

  it('resumes exactly after Last-Event-ID, or after ?after= when no header is sent; the header wins', async () => {
    const all = await expectedStream(t.store);
    const pivot = all[3].id;
    const rest = all.slice(4);
    const byHeader = await connect('', { 'Last-Event-ID': pivot });
    expect(await byHeader.events(rest.length)).toEqual(rest);
    const byQuery = await connect(`?after=${pivot}`);
    expect(await byQuery.events(rest.length)).toEqual(rest);
    const both = await connect(`?after=0`, { 'Last-Event-ID': pivot });
    expect((await both.nextEvent())?.id).toBe(rest[0].id);
  });

  it('filters by one contract, exactly: a stream whose id merely starts with it is not included', async () => {
    // A stream id that shares the prefix contract-<first>: a plain prefix read would deliver it.
    const [drafted] = await t.store.readStream(contractStreamId(first), { maxCount: 1 });
    await t.store.append(`${contractStreamId(first)}0`, [{ eventId: randomUUID(), type: drafted.type, data: drafted.data, metadata: drafted.metadata }], {
      expectedRevision: 'no-stream',
    });
    const expected = (await expectedStream(t.store)).filter((e) => e.data.subject === first);
    const client = await connect(`?contractId=${first}`);
    expect(await client.events(expected.length)).toEqual(expected);
    await payInFull(t, second); // live events of another contract must not leak in either
    await signBoth(t, await draftBasicCall(t));
    t.clock.set('2021-01-21T10:00:00+08:00');
    await t.http().post(`/contracts/${first}/trainings`).send({ deliveredAt: '2021-01-21T10:00:00+08:00', topic: '运维培训' });
    const next = await client.nextEvent();
    expect(next?.data.subject).toBe(first);
  });

  it('filters by public type, repeated or comma-separated', async () => {
    const wanted = ['contract.signed.v1', 'contract.payment-received.v1'];
    const expected = (await expectedStream(t.store)).filter((e) => wanted.includes(e.event));
    expect(new Set(expected.map((e) => e.event))).toEqual(new Set(wanted));
    for (const query of [`?type=${wanted.join(',')}`, `?type=${wanted[0]}&type=${wanted[1]}`]) {
      const client = await connect(query);
      expect(await client.events(expected.length)).toEqual(expected);
    }
  });

  it.each([
    ['', { 'Last-Event-ID': 'abc' }, 'Last-Event-ID'],
    ['', { 'Last-Event-ID': '-1' }, 'Last-Event-ID'],
    ['?after=1.5', {}, 'after'],
    ['?after=99999999999999999999', {}, 'after'],
    ['?type=contract.nonsense.v1', {}, 'type'],
    ['?type=contract.signed.v1,', {}, 'type'],
    ['?contractId=a&contractId=b', {}, 'contractId'],
    ['?contractId=contract-1', {}, 'contractId'],
  ])('refuses %s %j with a 400 problem naming %s, before any stream starts', async (query, headers, field) => {
    const response = await t.http().get(`/events${query}`).set(headers);
    expectProblem(response, 400, field);
  });

  it('sends heartbeat comments while there is nothing to send', async () => {
    const client = await connect(`?contractId=${randomUUID()}`);
    expect((await client.nextFrame())?.retry).toBe('3000');
    expect(await client.nextFrame()).toEqual({ comments: ['heartbeat'] });
  });

  it('stops the store subscription when the client hangs up', async () => {
    const subscribe = jest.spyOn(t.store, 'subscribeToAll');
    try {
      const client = await connect();
      await client.nextEvent();
      const subscription = subscribe.mock.results[0].value as { done: Promise<void> };
      expect(t.streams.connections).toHaveLength(1);
      client.close();
      await subscription.done; // resolves only once stop() was called and the loop ended
      await waitUntil(() => t.streams.connections.length === 0);
    } finally {
      subscribe.mockRestore();
    }
  });

  it('resumes at random points while commands are appended: every event once, in order', async () => {
    await checkResumeAtRandomPoints(t, 8);
  });
});

describe('GET /events with a client that stops reading', () => {
  it("keeps the server's buffer for the connection below the high-water mark plus one frame", async () => {
    const t = await startStreamApp();
    try {
      // Enough bytes to fill the kernel's socket buffers on loopback (~10 MB), so writes really block:
      // copies of the draft with a long product name, which the public payload carries.
      const id = await draftBasicCall(t);
      const [drafted] = await t.store.readStream(contractStreamId(id));
      const draftData = drafted.data as { terms: Record<string, unknown> };
      const data = { ...draftData, terms: { ...draftData.terms, product: 'x'.repeat(16_000) } };
      for (let i = 0; i < 6; i += 1) {
        const batch = Array.from({ length: 100 }, () => ({ eventId: randomUUID(), type: drafted.type, data, metadata: drafted.metadata }));
        await t.store.append(contractStreamId(id), batch, { expectedRevision: 'any' });
      }
      const total = (await expectedStream(t.store)).length;
      const client = await SseClient.open(`${t.baseUrl}/events`);
      client.response.pause(); // read nothing
      // Until the server has to wait for the client, or (if it ignored backpressure) wrote everything.
      await waitUntil(() => t.streams.connections.some(({ stats }) => stats.stalls > 0 || stats.framesWritten > total));
      const stats = t.streams.connections[0].stats;
      expect(stats.stalls).toBeGreaterThan(0);
      expect(stats.framesWritten - 1).toBeLessThan(total); // (minus the retry hint) the rest waits in the store, not in memory
      expect(stats.maxBufferedBytes).toBeLessThanOrEqual(stats.highWaterMark + stats.maxFrameBytes);
      client.response.resume();
      const events = await client.events(total);
      expect(events.map((e) => e.id)).toEqual((await expectedStream(t.store)).map((e) => e.id));
      expect(stats.maxBufferedBytes).toBeLessThanOrEqual(stats.highWaterMark + stats.maxFrameBytes);
      client.close();
    } finally {
      await t.close();
    }
  });
});

describe('GET /events at shutdown', () => {
  it('ends open streams cleanly so app.close() finishes', async () => {
    const t = await startStreamApp();
    await draftBasicCall(t);
    const client = await SseClient.open(`${t.baseUrl}/events`);
    expect(await client.nextEvent()).toBeDefined();
    await t.close();
    expect(await client.nextEvent()).toBeUndefined();
    expect(client.finished).toBe(true);
  });
});

/** Polls a condition the server reaches by itself (no deadline: jest's timeout is the limit). */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
