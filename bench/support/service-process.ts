import { startBenchApp } from './bench-app';
import type { StoreKind } from './store-target';

// The service in a process of its own, for the memory scenario: started on a store, brought up to
// date (read models caught up), asked for a contract list page, then garbage-collected and
// measured. Stays up until told to stop, so the parent can also read its RSS from outside.

export interface ServiceJob {
  kind: StoreKind;
  eventStoreUrl: string;
}

export interface ServiceMemory {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  startMs: number;
}

async function serve(job: ServiceJob): Promise<void> {
  const started = Date.now();
  const app = await startBenchApp({ ...job, openExecutor: () => Promise.reject(new Error('not used')), dispose: async () => undefined });
  await app.caughtUp();
  await (await fetch(`${app.baseUrl}/contracts?limit=50`)).arrayBuffer();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  gc?.();
  const usage = process.memoryUsage();
  const memory: ServiceMemory = { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external, startMs: Date.now() - started };
  process.send!({ result: memory });
  process.once('message', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

if (require.main === module) {
  process.once('message', (job: ServiceJob) => {
    serve(job).catch((error: unknown) => process.send!({ error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)));
  });
}
