import { type EventStore } from '@app/event-store';
import { EVENT_STORE } from '../../apps/contracts/src/store/event-store.provider';
import { BASICCALL, signBoth } from './contract-steps';
import { exampleTerms, expectProblem, type TestApp } from './test-app';

// Idempotency-Key through HTTP, the same on every store: a repeat replays the first answer and
// appends nothing; another payload under the key is refused; keys are per route.

export const REPLAYED = 'idempotent-replayed';

/** Every event in the app's store: what a repeat must not add to. */
export async function eventCount(t: TestApp): Promise<number> {
  return (await t.app.get<EventStore>(EVENT_STORE).readAll()).length;
}

export async function contractEventCount(t: TestApp, id: string): Promise<number> {
  return ((await t.http().get(`/contracts/${id}/events`).expect(200)).body.items as unknown[]).length;
}

/** What a client sees of an answer: status, the headers a replay repeats, and the body. */
export const answer = (r: { status: number; headers: Record<string, string>; body: unknown; text: string }) => ({
  status: r.status,
  location: r.headers.location,
  etag: r.headers.etag,
  contentType: r.headers['content-type'],
  text: r.text,
});

let keys = 0;
/** A key no other test uses (the PostgreSQL schema is shared by the tests of a file). */
export const newKey = (label: string) => `${label}-${process.pid}-${++keys}-${Date.now()}`;

export function describeIdempotency(label: string, start: () => Promise<TestApp>): void {
  describe(`Idempotency-Key (${label})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await start();
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('replays the first response of a repeated draft (status, body, Location, ETag) and appends nothing', async () => {
      const key = newKey('draft');
      const terms = exampleTerms('basiccall-2021');
      const first = await t.http().post('/contracts').set('Idempotency-Key', key).send(terms).expect(201);
      expect(first.headers[REPLAYED]).toBeUndefined();
      expect(first.headers.location).toBe(`/contracts/${first.body.id}`);
      const events = await eventCount(t);

      // The same payload with its members in another order is the same request (canonical JSON).
      const reordered = Object.fromEntries(Object.entries(terms).reverse());
      for (const body of [terms, reordered]) {
        const repeat = await t.http().post('/contracts').set('Idempotency-Key', key).send(body);
        expect(answer(repeat)).toEqual(answer(first));
        expect(repeat.headers[REPLAYED]).toBe('true');
      }
      expect(await eventCount(t)).toBe(events);
      expect(await contractEventCount(t, first.body.id as string)).toBe(1);
    });

    it('reads the key bare or as a quoted string, as the same key', async () => {
      const key = newKey('quoted');
      const first = await t.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('itime-2023')).expect(201);
      const repeat = await t.http().post('/contracts').set('Idempotency-Key', `"${key}"`).send(exampleTerms('itime-2023')).expect(201);
      expect(repeat.headers[REPLAYED]).toBe('true');
      expect(repeat.body).toEqual(first.body);
    });

    it('refuses the same key with a different body (422) and appends nothing', async () => {
      const key = newKey('mismatch');
      await t.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('basiccall-2021')).expect(201);
      const events = await eventCount(t);
      const other = await t.http().post('/contracts').set('Idempotency-Key', key).send({ ...exampleTerms('basiccall-2021'), contractNo: 'OTHER-1' });
      expectProblem(other, 422, 'Idempotency-Key');
      expect(other.headers[REPLAYED]).toBeUndefined();
      expect(await eventCount(t)).toBe(events);
    });

    it('keeps keys per route: the same key on another route runs that request', async () => {
      const id = (await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201)).body.id as string;
      await signBoth(t, id);
      t.clock.set(BASICCALL.paid);
      const key = newKey('per-route');
      const fault = { priority: 'P2', reportedAt: BASICCALL.paid, description: 'slow reports' };
      const before = await contractEventCount(t, id);
      // The service starts once paid, so the payment comes first; the fault report under the same key is still new.
      const paid = await t.http().post(`/contracts/${id}/payments`).set('Idempotency-Key', key).send({ amount: '23000.00', receivedAt: BASICCALL.paid, reference: 'BOB-0120' }).expect(201);
      const reported = await t.http().post(`/contracts/${id}/faults`).set('Idempotency-Key', key).send(fault).expect(201);
      expect(reported.headers[REPLAYED]).toBeUndefined();
      expect(paid.headers[REPLAYED]).toBeUndefined();
      const after = await contractEventCount(t, id);
      expect(after).toBeGreaterThanOrEqual(before + 2);

      // …and each route replays its own first answer.
      const again = await t.http().post(`/contracts/${id}/faults`).set('Idempotency-Key', key).send(fault).expect(201);
      expect(answer(again)).toEqual(answer(reported));
      expect(await contractEventCount(t, id)).toBe(after);
    });

    it('replays a refusal as the same 4xx, even after the refused command would have succeeded', async () => {
      t.clock.set(BASICCALL.drafted);
      const id = (await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201)).body.id as string;
      const key = newKey('refused');
      const payment = { amount: '23000.00', receivedAt: BASICCALL.paid, reference: 'EARLY' };
      t.clock.set(BASICCALL.paid);
      const refused = await t.http().post(`/contracts/${id}/payments`).set('Idempotency-Key', key).send(payment);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      await signBoth(t, id);
      t.clock.set(BASICCALL.paid);
      const events = await contractEventCount(t, id);

      const repeat = await t.http().post(`/contracts/${id}/payments`).set('Idempotency-Key', key).send(payment);
      expect(answer(repeat)).toEqual(answer(refused));
      expect(repeat.headers[REPLAYED]).toBe('true');
      expect(await contractEventCount(t, id)).toBe(events);
      // Without the key (or with a new one) the payment is recorded now.
      await t.http().post(`/contracts/${id}/payments`).set('Idempotency-Key', newKey('refused-retry')).send(payment).expect(201);
    });

    it.each([
      ['empty', ''],
      ['longer than 255 characters', 'k'.repeat(256)],
      ['with a control character', 'a\tb'],
      ['with a character outside ASCII', 'clé'],
      ['with an unclosed quote', '"abc'],
      ['with text after the closing quote', '"abc"def'],
    ])('refuses a key %s with 400 naming Idempotency-Key, appending nothing', async (_, key) => {
      const events = await eventCount(t);
      const response = await t.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('basiccall-2021'));
      expectProblem(response, 400, 'Idempotency-Key');
      expect(await eventCount(t)).toBe(events);
    });

    it('accepts a key of exactly 255 characters', async () => {
      await t.http().post('/contracts').set('Idempotency-Key', `${newKey('long')}-`.padEnd(255, 'x')).send(exampleTerms('basiccall-2021')).expect(201);
    });

    it('leaves a POST without the header as it was: two identical requests run twice', async () => {
      const events = await eventCount(t);
      const [a, b] = [
        await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201),
        await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201),
      ];
      expect(a.body.id).not.toBe(b.body.id);
      expect(await eventCount(t)).toBe(events + 2);
    });

    it('works on the audit-bundle verification route, which reads its own media type', async () => {
      const id = (await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201)).body.id as string;
      const bundle = await t.http().get(`/contracts/${id}/audit-bundle`).buffer(true).parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
      expect(bundle.status).toBe(200);
      const mediaType = String(bundle.headers['content-type']).split(';')[0];
      const key = newKey('bundle');
      const verify = () => t.http().post('/audit-bundles/verification').set('Idempotency-Key', key).set('Content-Type', mediaType).send(bundle.body as string);
      const first = await verify().expect(200);
      expect(first.body.verified).toBe(true);
      const repeat = await verify().expect(200);
      expect(repeat.headers[REPLAYED]).toBe('true');
      expect(repeat.body).toEqual(first.body);
    });
  });
}
