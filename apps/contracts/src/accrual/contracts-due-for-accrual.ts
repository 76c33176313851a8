// Which contracts an all-contracts accrual as of `asOf` must examine, without reading the whole
// portfolio. Two sources, read in this order:
//   1. the read models' checkpoint C, then the contracts whose next upkeep (kept by the projector,
//      libs/read-models/src/next-upkeep.ts) is at or before asOf. Rows reflect at least C.
//   2. every contract stream with an event after C: the read models do not cover those yet (the
//      projector lags, another instance appended, or a rebuild is under way), so they are examined
//      whatever their rows say. A stream only counts if it holds a contract (begins with ContractDrafted),
//      as in the full scan.
// An event appended after step 2 read the store came from a command decided at a server time no
// earlier than this run's asOf, and every command brings its contract up to its own time: such a
// contract has nothing left to accrue as of asOf (see the handler's note on clocks).
import type { EventStore } from '@app/event-store';
import type { ReadModelStore } from '@app/read-models';
import { CONTRACT_STREAM_PREFIX, contractIdOf } from '@app/contract-store';

/** Lagging events are read in pages so a far-behind projector (say, mid-rebuild) costs no more memory than a page. */
const LAG_PAGE = 5_000;

export interface ContractsDue {
  /** Contract ids, each once: the read models' due ones in drafted order, then the ones they do not cover yet. */
  ids: string[];
  /** How many of them came from the events the read models had not yet projected. */
  notYetProjected: number;
}

export async function contractsDueForAccrual(events: EventStore, readModels: ReadModelStore, projection: string, asOf: string): Promise<ContractsDue> {
  const checkpoint = await readModels.loadCheckpoint(projection);
  const due = await readModels.contractsDueForUpkeep(asOf);
  const lagging = await streamsAfter(events, checkpoint);
  const ids = new Set(due);
  let notYetProjected = 0;
  for (const streamId of lagging) {
    const id = contractIdOf(streamId);
    if (ids.has(id) || !(await holdsContract(events, streamId))) continue;
    ids.add(id);
    notYetProjected += 1;
  }
  return { ids: [...ids], notYetProjected };
}

async function streamsAfter(events: EventStore, checkpoint: bigint | undefined): Promise<string[]> {
  const streams = new Set<string>();
  let from = checkpoint;
  for (;;) {
    const page = await events.readAll({ fromPosition: from, streamPrefix: CONTRACT_STREAM_PREFIX, maxCount: LAG_PAGE });
    for (const event of page) streams.add(event.streamId);
    if (page.length < LAG_PAGE) return [...streams];
    from = page[page.length - 1].position;
  }
}

async function holdsContract(events: EventStore, streamId: string): Promise<boolean> {
  const [first] = await events.readStream(streamId, { maxCount: 1 });
  return first?.type === 'ContractDrafted';
}
