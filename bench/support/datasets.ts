import { SqlEventStore, type SqlExecutor } from '@app/event-store';
import { bulkLoadPortfolio, type LoadedPortfolio } from '../data/bulk-load';
import type { PortfolioSpec } from '../data/portfolio';
import { PgliteWorkerExecutor } from './pglite-worker-executor';
import { embeddedDirectory, openTarget, type StoreKind, type StoreTarget } from './store-target';

// Generated portfolios, loaded once per run and per store, shared by the scenarios that need the
// same one (the large portfolio serves accrual, rebuild and memory), removed at the end of the run.
// A run that measures several stores loads a portfolio into all of them at once (`together`),
// generating it once: each batch goes to the PostgreSQL server and to the embedded store, whose
// PGlite runs on a worker thread (PGlite works on the thread that calls it; there it has a core of
// its own while this thread generates the next batch).

export interface Dataset {
  target: StoreTarget;
  portfolio: LoadedPortfolio;
  /** How long loading took (when loaded together, the time for all of them). */
  loadMs: number;
  /** Whether its read models have been projected up to every event (a scenario that did it says so). */
  projected: boolean;
}

export class Datasets {
  private readonly loaded = new Map<string, Promise<Dataset>>();

  constructor(
    private readonly serverUrl: string | undefined,
    private readonly log: (line: string) => void = () => undefined,
    private readonly together: readonly StoreKind[] = [],
  ) {}

  get(kind: StoreKind, spec: PortfolioSpec): Promise<Dataset> {
    const key = (store: StoreKind) => `${store}:${spec.seed}:${spec.contracts}:${spec.overdue}:${spec.overdueNextNight ?? 0}:${spec.awaitingPayment ?? 0}`;
    const existing = this.loaded.get(key(kind));
    if (existing) return existing;
    const stores = [kind, ...this.together.filter((store) => store !== kind && !this.loaded.has(key(store)))];
    const all = this.load(stores, spec);
    stores.forEach((store, i) => {
      const dataset = all.then((datasets) => datasets[i]);
      dataset.catch(() => undefined); // a store nobody asks for must not leave an unhandled rejection
      this.loaded.set(key(store), dataset);
    });
    return this.loaded.get(key(kind))!;
  }

  /** A store of its own, not shared: for a scenario that must start empty. */
  fresh(kind: StoreKind, label: string): Promise<StoreTarget> {
    return openTarget(kind, label, this.serverUrl);
  }

  private async load(stores: StoreKind[], spec: PortfolioSpec): Promise<Dataset[]> {
    const started = Date.now();
    const targets: StoreTarget[] = [];
    // Whatever fails, no half-loaded schema or directory is left behind.
    const disposeOpened = async (error: unknown): Promise<never> => {
      await Promise.allSettled(targets.map((target) => target.dispose()));
      throw error;
    };
    for (const store of stores) targets.push(await openTarget(store, `p${spec.contracts}_${spec.overdue}`, this.serverUrl).catch(disposeOpened));
    this.log(
      `loading ${spec.contracts} contracts (${spec.overdue} overdue, ${spec.overdueNextNight ?? 0} overdue from the next night, ` +
        `${spec.awaitingPayment ?? 0} awaiting payment) into ${stores.join(' and ')}…`,
    );
    const portfolio = await withLoadingExecutors(targets, (dbs) => bulkLoadPortfolio(dbs, spec)).catch(disposeOpened);
    const loadMs = Date.now() - started;
    this.log(`  ${portfolio.events} events in ${(loadMs / 1000).toFixed(1)} s`);
    return targets.map((target) => ({ target, portfolio, loadMs, projected: false }));
  }

  async disposeAll(): Promise<void> {
    const all = await Promise.allSettled([...this.loaded.values()]);
    this.loaded.clear();
    for (const entry of all) if (entry.status === 'fulfilled') await entry.value.target.dispose();
  }
}

/** Every target's executor for the bulk load, event store schema in place (made by the store itself), then closes them. */
async function withLoadingExecutors<T>(targets: readonly StoreTarget[], fn: (dbs: SqlExecutor[]) => Promise<T>): Promise<T> {
  const stores: SqlEventStore[] = [];
  try {
    const dbs: SqlExecutor[] = [];
    for (const target of targets) {
      const db = target.kind === 'embedded' ? await PgliteWorkerExecutor.open(embeddedDirectory(target)) : await target.openExecutor();
      try {
        stores.push(await SqlEventStore.open(db)); // creates the schema; the store owns db from here
      } catch (error) {
        await db.close();
        throw error;
      }
      dbs.push(db);
    }
    return await fn(dbs);
  } finally {
    await Promise.allSettled(stores.map((store) => store.close()));
  }
}
