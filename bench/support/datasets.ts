import type { SqlExecutor } from '@app/event-store';
import { bulkLoadPortfolio, type LoadedPortfolio } from '../data/bulk-load';
import type { PortfolioSpec } from '../data/portfolio';
import { loadEmbeddedInChild } from './load-process';
import { embeddedDirectory, openTarget, type StoreKind, type StoreTarget, withEventStoreDb } from './store-target';

// Generated portfolios, loaded once per run and per store, shared by the scenarios that need the
// same one (the large portfolio serves accrual, rebuild and memory), removed at the end of the run.
// A run that measures several stores loads a portfolio into all of them at once (`together`): an
// embedded store from a child process of its own (load-process.ts: PGlite gets a core to itself),
// the PostgreSQL server from this process, both at the same time.

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
    const here = targets.filter((target) => target.kind !== 'embedded');
    const loads = await Promise.all([
      ...(here.length ? [withEventStoreDbs(here, (dbs) => bulkLoadPortfolio(dbs, spec))] : []),
      ...targets.filter((target) => target.kind === 'embedded').map((target) => loadEmbeddedInChild({ directory: embeddedDirectory(target), spec })),
    ]).catch(disposeOpened);
    const [portfolio] = loads;
    if (loads.some((other) => other.events !== portfolio.events || other.contracts !== portfolio.contracts)) {
      await disposeOpened(new Error(`the stores were loaded with different portfolios: ${loads.map((l) => `${l.contracts} contracts / ${l.events} events`).join(' vs ')}`));
    }
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

/** withEventStoreDb over several targets: `fn` gets all their executors, schemas in place. */
async function withEventStoreDbs<T>(targets: readonly StoreTarget[], fn: (dbs: SqlExecutor[]) => Promise<T>, opened: SqlExecutor[] = []): Promise<T> {
  if (opened.length === targets.length) return fn(opened);
  return withEventStoreDb(targets[opened.length], (db) => withEventStoreDbs(targets, fn, [...opened, db]));
}
