import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEBHOOK_SETTINGS } from '../apps/contracts/src/service-config';
import { expectProblem, startTestApp } from './support/test-app';
import { describeWebhookAdministration, describeWebhookDelivery, type StoreUnderTest } from './support/webhooks.suite';

// Webhooks on the embedded store, on disk so a second app can restart on it.

async function embeddedStore(name: string): Promise<StoreUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), `contracts-webhooks-${name}-`));
  return {
    url: `pglite:${dir}`,
    cleanup: async () => {
      for (const d of [dir, `${dir}-read-models`]) rmSync(d, { recursive: true, force: true });
    },
  };
}

describeWebhookDelivery('embedded store', embeddedStore);
describeWebhookAdministration('embedded store', embeddedStore);

describe('webhook targets (default settings: public addresses only)', () => {
  it.each(['http://127.0.0.1:8080/hooks', 'http://localhost:8080/hooks', 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:8080/hooks'])(
    'refuses %s as a loopback, private or link-local address',
    async (url) => {
      const t = await startTestApp({ eventStoreUrl: 'memory:', webhooks: DEFAULT_WEBHOOK_SETTINGS });
      try {
        const response = await t.http().post('/webhooks').send({ url });
        expectProblem(response, 400, 'url');
        expect(response.body.detail).toMatch(/loopback|private|link-local/);
        expect((await t.http().get('/webhooks').expect(200)).body.webhooks).toEqual([]);
      } finally {
        await t.close();
      }
    },
  );
});
