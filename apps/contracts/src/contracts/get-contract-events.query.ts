import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import { contractStreamId } from '@app/contract-store';
import { EVENT_STORE } from '../store/event-store.provider';
import { unknownContract } from './get-contract.query';

export interface StoredEventView {
  eventId: string;
  revision: number;
  /** Global position; a string because it is a 64-bit integer. */
  position: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  storedAt: string;
}

/** The contract's stream as stored: the audit trail behind every figure in the view. */
export class GetContractEvents extends Query<StoredEventView[]> {
  constructor(readonly contractId: string) {
    super();
  }
}

@QueryHandler(GetContractEvents)
export class GetContractEventsHandler implements IQueryHandler<GetContractEvents, StoredEventView[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId }: GetContractEvents): Promise<StoredEventView[]> {
    const stream = await this.store.readStream(contractStreamId(contractId));
    if (stream.length === 0) throw unknownContract(contractId);
    return stream.map((e) => ({
      eventId: e.eventId,
      revision: e.revision,
      position: e.position.toString(),
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      storedAt: e.storedAt,
    }));
  }
}
