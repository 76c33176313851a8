import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractsCli } from './support/cli-run';
import { exampleTerms, startTestApp } from './support/test-app';

// A KEK rotation on the embedded store, as docs/confidential-data.md tells it: draft under KEK A,
// re-wrap with `contracts rewrap-keys` (A now previous, B current), then a service that knows only
// B reads every value in clear. The ciphertext in the events never changes.

const KEK_A = Buffer.alloc(32, 0xa1).toString('base64');
const KEK_B = Buffer.alloc(32, 0xb2).toString('base64');

describe('rotating the key-encryption key', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'contracts-rotation-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps every confidential value readable after rewrap-keys, under the new KEK alone', async () => {
    const eventStoreUrl = `pglite:${join(dir, 'event-store')}`;
    const first = await startTestApp({ eventStoreUrl, confidentialKek: KEK_A });
    const id = (await first.http().post('/contracts').send(exampleTerms('itime-2023')).expect(201)).body.id as string;
    const storedBefore = (await first.http().get(`/contracts/${id}/audit-bundle`).expect(200)).body;
    await first.close();

    const env = { EVENT_STORE_URL: eventStoreUrl, CONFIDENTIAL_KEK: KEK_B, CONFIDENTIAL_KEK_PREVIOUS: KEK_A };
    const moved = await contractsCli(['rewrap-keys'], env);
    expect(moved.code).toBe(0);
    expect(moved.json()).toMatchObject({ rewrapped: 2 });
    expect((await contractsCli(['rewrap-keys'], env)).json()).toMatchObject({ rewrapped: 0 }); // idempotent

    const second = await startTestApp({ eventStoreUrl, confidentialKek: KEK_B });
    try {
      const terms = exampleTerms('itime-2023') as { customer: Record<string, string>; vendor: Record<string, string> };
      expect((await second.http().get(`/contracts/${id}`).expect(200)).body.terms).toMatchObject({ customer: terms.customer, vendor: terms.vendor });
      expect((await second.http().get(`/contracts/${id}/audit-bundle`).expect(200)).body.contracts).toEqual(storedBefore.contracts);
    } finally {
      await second.close();
    }
  }, 120_000);
});
