// Each contract stream's state as folded up to the last revision the projector has flushed it at,
// so a flush folds only the events delivered since (events are append-only: the state at revision
// n plus events n+1..m is the state at m) instead of re-reading and re-folding the whole stream.
// An entry is used only when the new events continue it exactly; anything else (a redelivery after
// a restart, an evicted entry, a failed flush that left the entry ahead of the stored rows) reads
// the stream from the store up to the last delivered revision, as the projector always did.
import { type ContractState, evolve, foldContract } from '@app/contracts-domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { ToContractEvent } from './contract-snapshot';

export interface FoldedStream {
  /** Undefined when the stream holds no contract (not begun with ContractDrafted). */
  state: ContractState | undefined;
  /** The revision `state` is folded up to. */
  revision: number;
  /** The stream's first event (its ContractDrafted, when it is a contract). */
  first: Pick<RecordedEvent, 'position'>;
}

export class FoldedStreams {
  /** In least-recently-flushed order (a Map keeps insertion order; each use re-inserts). */
  private readonly entries = new Map<string, FoldedStream>();

  constructor(
    private readonly events: Pick<EventStore, 'readStream'>,
    private readonly toEvent: ToContractEvent,
    private capacity: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The stream folded up to the last of `delivered` (consecutive events of it, in revision order). */
  async advance(streamId: string, delivered: readonly RecordedEvent[]): Promise<FoldedStream> {
    const from = delivered[0].revision;
    const to = delivered[delivered.length - 1].revision;
    const cached = this.entries.get(streamId);
    let folded: FoldedStream;
    if (cached && cached.revision === from - 1) {
      folded = { state: evolve(cached.state, delivered.map(this.toEvent)), revision: to, first: cached.first };
    } else if (from === 0) {
      folded = { state: foldContract(delivered.map(this.toEvent)), revision: to, first: { position: delivered[0].position } };
    } else {
      const stream = await this.events.readStream(streamId, { maxCount: to + 1 });
      folded = { state: foldContract(stream.map(this.toEvent)), revision: to, first: { position: stream[0].position } };
    }
    this.entries.delete(streamId);
    if (this.capacity > 0) this.entries.set(streamId, folded);
    this.trim();
    return folded;
  }

  /** Keeps at most `capacity` entries from now on (the most recently flushed). */
  resize(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  clear(): void {
    this.entries.clear();
  }

  private trim(): void {
    for (const streamId of this.entries.keys()) {
      if (this.entries.size <= this.capacity) return;
      this.entries.delete(streamId);
    }
  }
}
