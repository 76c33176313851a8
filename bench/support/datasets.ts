import { bulkLoadPortfolio, type LoadedPortfolio } from '../data/bulk-load';
import type { PortfolioSpec } from '../data/portfolio';
import { openTarget, type StoreKind, type StoreTarget, withEventStoreDb } from './store-target';

// Generated portfolios, loaded once per run and per store, shared by the scenarios that need the
// same one (the 100k portfolio serves accrual, rebuild and memory), removed at the end of the run.

export interface Dataset {
  target: StoreTarget;
  portfolio: LoadedPortfolio;
  loadMs: number;
}

export class Datasets {
  private readonly loaded = new Map<string, Promise<Dataset>>();

  constructor(
    private readonly serverUrl: string | undefined,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get(kind: StoreKind, spec: PortfolioSpec): Promise<Dataset> {
    const key = `${kind}:${spec.seed}:${spec.contracts}:${spec.overdue}:${spec.overdueNextNight ?? 0}:${spec.awaitingPayment ?? 0}`;
    let dataset = this.loaded.get(key);
    if (!dataset) {
      dataset = this.load(kind, spec);
      this.loaded.set(key, dataset);
    }
    return dataset;
  }

  /** A store of its own, not shared: for a scenario that must start empty. */
  fresh(kind: StoreKind, label: string): Promise<StoreTarget> {
    return openTarget(kind, label, this.serverUrl);
  }

  private async load(kind: StoreKind, spec: PortfolioSpec): Promise<Dataset> {
    const started = Date.now();
    const target = await openTarget(kind, `p${spec.contracts}_${spec.overdue}`, this.serverUrl);
    this.log(`loading ${spec.contracts} contracts (${spec.overdue} overdue, ${spec.overdueNextNight ?? 0} overdue from the next night, ${spec.awaitingPayment ?? 0} awaiting payment) into ${kind}…`);
    const portfolio = await withEventStoreDb(target, (db) => bulkLoadPortfolio(db, spec));
    const loadMs = Date.now() - started;
    this.log(`  ${portfolio.events} events in ${(loadMs / 1000).toFixed(1)} s`);
    return { target, portfolio, loadMs };
  }

  async disposeAll(): Promise<void> {
    const all = await Promise.allSettled([...this.loaded.values()]);
    this.loaded.clear();
    for (const entry of all) if (entry.status === 'fulfilled') await entry.value.target.dispose();
  }
}
