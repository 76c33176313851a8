import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import { draftBasicCall } from './support/contract-steps';
import { exampleTerms, expectProblem, startTestApp, type TestApp } from './support/test-app';

// Security headers, CORS, the rate limit, body limits and what an error body may say: the
// protections every route gets from createApp, seen from a client.

describe('hardening', () => {
  describe('with the defaults of a hand-built config (no CORS, no rate limit)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('sends the security headers and a policy that lets nothing load from a JSON answer', async () => {
      const response = await t.http().get('/health').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('puts the headers on errors too', async () => {
      const response = await t.http().get('/contracts/nope');
      expect(response.status).toBe(404);
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('still serves the Swagger UI, with a policy that allows exactly what its page loads', async () => {
      const page = await t.http().get('/docs').redirects(1).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // Every script the page loads is a file of our own origin: an inline <script> would be blocked.
      const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=/);
      const assets = [...page.text.matchAll(/(?:src|href)=["']([^"']+\.(?:js|css|png))["']/g)].map((m) => m[1]);
      expect(assets).toEqual(expect.arrayContaining([expect.stringContaining('swagger-ui-bundle.js'), expect.stringContaining('swagger-ui-init.js')]));
      for (const asset of assets) {
        const path = new URL(asset, 'http://service/docs').pathname; // as the browser resolves it from /docs
        const response = await t.http().get(path);
        expect({ asset: path, status: response.status }).toEqual({ asset: path, status: 200 });
      }
      await t.http().get('/docs-json').expect(200).expect('Content-Type', /json/);
    });

    it('sends no CORS headers when no origin is configured', async () => {
      const simple = await t.http().get('/health').set('Origin', 'https://app.example.com').expect(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http().options('/contracts').set('Origin', 'https://app.example.com').set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    it('refuses a body over 256 kB with 413 problem+json, and records nothing', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = (await store.readAll()).length;
      const response = await t.http().post('/contracts').send({ ...exampleTerms('basiccall-2021'), padding: 'x'.repeat(300_000) });
      expectProblem(response, 413);
      expect(response.body.type).toBe('/problems/body-too-large');
      expect((await store.readAll()).length).toBe(before);
    });

    it('accepts a body just under the limit as far as the validation (400 for the unknown field, not 413)', async () => {
      const response = await t.http().post('/contracts').send({ ...exampleTerms('basiccall-2021'), padding: 'x'.repeat(200_000) });
      expectProblem(response, 400, 'padding');
    });

    describe('error bodies never carry SQL, stack traces or file paths', () => {
      const SQL_ERROR = 'duplicate key value violates unique constraint "event_store_events_pkey": INSERT INTO event_store_events (stream_id, revision) VALUES ($1, $2)';
      let restore: () => void = () => undefined;
      afterEach(() => restore());

      function breakStore(method: 'append' | 'readStream' | 'ping'): void {
        const store = t.app.get<EventStore>(EVENT_STORE);
        const original = store[method];
        const failing = async () => {
          const error = new Error(SQL_ERROR);
          error.stack = `Error: ${SQL_ERROR}\n    at PgExecutor.query (/work/main/libs/event-store/src/pg-executor.ts:42:11)`;
          throw error;
        };
        (store as unknown as Record<string, unknown>)[method] = failing;
        restore = () => {
          (store as unknown as Record<string, unknown>)[method] = original;
        };
      }

      function expectNothingLeaked(text: string): void {
        expect(text).not.toMatch(/INSERT|SELECT|event_store_events|constraint/i);
        expect(text).not.toMatch(/\.ts:\d+|\/work\/|\bat [A-Z]\w*\./);
      }

      it('when appending fails', async () => {
        const id = await draftBasicCall(t);
        breakStore('append');
        const response = await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '张忠强', signedAt: '2021-01-10T09:00:00+08:00' });
        expect(response.status).toBeGreaterThanOrEqual(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expectNothingLeaked(response.text);
      });

      it('when reading fails', async () => {
        const id = await draftBasicCall(t);
        breakStore('readStream');
        const response = await t.http().get(`/contracts/${id}`);
        expect(response.status).toBeGreaterThanOrEqual(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expectNothingLeaked(response.text);
      });

      it('when the health check fails (503)', async () => {
        breakStore('ping');
        const response = await t.http().get('/health');
        expectProblem(response, 503);
        expectNothingLeaked(response.text);
      });
    });
  });

  describe('with CORS_ORIGINS configured', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ corsOrigins: ['https://app.example.com'] });
    });
    afterAll(() => t.close());

    it('answers a configured origin, preflight included, and exposes ETag', async () => {
      const preflight = await t.http().options('/contracts').set('Origin', 'https://app.example.com').set('Access-Control-Request-Method', 'POST');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      const simple = await t.http().get('/health').set('Origin', 'https://app.example.com').expect(200);
      expect(simple.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(simple.headers['access-control-expose-headers']).toContain('ETag');
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('says nothing to any other origin, not even one that merely starts the same', async () => {
      for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.net', 'http://app.example.com']) {
        const response = await t.http().get('/health').set('Origin', origin).expect(200);
        expect({ origin, allowed: response.headers['access-control-allow-origin'] }).toEqual({ origin, allowed: undefined });
      }
    });
  });

  describe('with a rate limit', () => {
    const LIMIT = 5;
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ rateLimitPerMinute: LIMIT });
    });
    afterAll(() => t.close());

    it('refuses the request after the limit with 429 problem+json and Retry-After, across routes, and keeps /health open', async () => {
      // One budget per client across routes: the requests are spread over several of them.
      const paths = ['/contracts', '/calendars', '/events/catalog', '/contracts', '/obligations?dueBefore=2021-02-01T00:00:00%2B08:00'];
      for (const path of paths.slice(0, LIMIT)) {
        const response = await t.http().get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        expect(response.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      }
      const refused = await t.http().get('/calendars');
      expectProblem(refused, 429);
      expect(refused.body.type).toBe('/problems/rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

      const store = t.app.get<EventStore>(EVENT_STORE);
      const before = (await store.readAll()).length;
      expectProblem(await t.http().post('/contracts').send(exampleTerms('basiccall-2021')), 429);
      expect((await store.readAll()).length).toBe(before);

      // Liveness probes are exempt: a busy client behind the same address must not get the instance killed.
      await t.http().get('/health').expect(200);
    });
  });
});
