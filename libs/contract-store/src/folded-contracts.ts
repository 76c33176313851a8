import { type ContractState, evolve, foldContract } from '@app/contracts-domain';
import type { EventStore, NewEvent, RecordedEvent } from '@app/event-store';
import { toContractEvent } from './contract-stream';

// A command needs its contract folded from the whole stream. Streams are append-only, so the state
// folded up to revision n, plus the events stored after n, is the state at the store's current
// revision: a command then reads only those (usually none, or the few it appended last time)
// instead of the whole stream. The entry is only a starting point: what the store holds after it is
// always read, and the append still names the revision read, so an entry that is out of date costs
// a conflict and a retry, never a wrong event.
//
// A command may also start from the kept fold alone, reading nothing (`kept`), for the same reason:
// the append names the revision the fold is at, so a fold that missed another writer's events can
// only fail the append. After an append the fold is moved on by the events just stored
// (`appended`), so the next command on the contract starts where this one ended.

/** What the next event is chained to: the stream's last revision and that event's metadata (its hash). */
export type StreamHead = Pick<RecordedEvent, 'revision' | 'metadata'>;

export interface LoadedContract {
  /** Undefined when the stream holds no contract. */
  state: ContractState | undefined;
  /** The stream's last event (what the next event is chained to), undefined for no stream. */
  last: StreamHead | undefined;
}

/** Kept per store: an entry is a fold of that store's events and means nothing for another. */
const cachesByStore = new WeakMap<EventStore, FoldedContracts>();

export class FoldedContracts {
  /** Least recently used first (a Map keeps insertion order; each use re-inserts). */
  private readonly entries = new Map<string, LoadedContract & { last: StreamHead }>();

  constructor(private readonly capacity = 1_000) {}

  static of(store: EventStore): FoldedContracts {
    let cache = cachesByStore.get(store);
    if (!cache) {
      cache = new FoldedContracts();
      cachesByStore.set(store, cache);
    }
    return cache;
  }

  /** The contract as the store holds it now: the kept fold plus the events stored since, or the whole stream. */
  async load(store: EventStore, streamId: string): Promise<LoadedContract> {
    const kept = this.entries.get(streamId);
    let loaded: LoadedContract;
    const newer = kept ? await store.readStream(streamId, { fromRevision: kept.last.revision + 1 }) : [];
    if (kept && newer.length === 0) loaded = kept;
    else if (kept && newer[0].revision === kept.last.revision + 1) loaded = { state: evolve(kept.state, newer.map(toContractEvent)), last: newer[newer.length - 1] };
    else {
      const stream = await store.readStream(streamId);
      loaded = { state: foldContract(stream.map(toContractEvent)), last: stream[stream.length - 1] };
    }
    this.remember(streamId, loaded);
    return loaded;
  }

  /** The kept fold as it is, reading nothing: it may be behind the store (see above). */
  kept(streamId: string): LoadedContract | undefined {
    const kept = this.entries.get(streamId);
    if (kept) this.remember(streamId, kept);
    return kept;
  }

  /**
   * `sealed` were just appended after `before`, ending at `revision`: keep the fold they lead to.
   * The data goes through JSON as it does in the store, so the fold is the one a read would give.
   */
  appended(streamId: string, before: LoadedContract, sealed: readonly NewEvent[], revision: number): void {
    if (sealed.length === 0) return;
    const events = sealed.map((e) => toContractEvent({ type: e.type, data: JSON.parse(JSON.stringify(e.data)) }));
    this.remember(streamId, { state: evolve(before.state, events), last: { revision, metadata: sealed[sealed.length - 1].metadata } });
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(streamId: string, loaded: LoadedContract): void {
    this.entries.delete(streamId);
    if (!loaded.last || this.capacity < 1) return;
    this.entries.set(streamId, { state: loaded.state, last: loaded.last });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}
