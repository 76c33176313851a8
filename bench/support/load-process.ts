import { PgliteExecutor, SqlEventStore } from '@app/event-store';
import { bulkLoadPortfolio, type LoadedPortfolio } from '../data/bulk-load';
import type { PortfolioSpec } from '../data/portfolio';
import { askChild, forkTs } from './child-process';

// Loads a portfolio into an embedded store from a process of its own. PGlite runs on the thread
// that calls it, so in the parent it would take turns with generating the rows for PostgreSQL;
// here it has a core to itself while the parent loads the server. The generator is deterministic,
// so both processes generate the same events (the parent checks the counts agree).

export interface EmbeddedLoadJob {
  directory: string;
  spec: PortfolioSpec;
}

/** Loads `spec` into the embedded store at `directory` in a child process. */
export async function loadEmbeddedInChild(job: EmbeddedLoadJob): Promise<LoadedPortfolio> {
  const child = forkTs('bench/support/load-process.ts');
  try {
    return await askChild<EmbeddedLoadJob, LoadedPortfolio>(child, job);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

async function load({ directory, spec }: EmbeddedLoadJob): Promise<LoadedPortfolio> {
  // No statistics checks on the way (each ANALYZE of a table of millions of rows costs a second or
  // two, and nothing reads until the load is done): bulkLoadPortfolio analyses the table at the end.
  const db = await PgliteExecutor.open(directory, { statisticsCheckEvery: Number.MAX_SAFE_INTEGER });
  const store = await SqlEventStore.open(db); // creates the schema; owns db from here
  try {
    return await bulkLoadPortfolio(db, spec);
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  process.once('message', (job: EmbeddedLoadJob) => {
    load(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
