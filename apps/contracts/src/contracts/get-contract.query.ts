import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { calendarOf, chinaCalendarCatalog, type ContractView, foldContract, foldContractAsOf, Temporal, toContractView } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { Clock } from '../clock';
import { ProblemException } from '../http/problem-details';
import { contractStreamId, lastRevision, toContractEvent } from '@app/contract-store';
import { EVENT_STORE } from '../store/event-store.provider';

/** The contract as it stands now, or as its facts stood at `asOf` (business time). */
export class GetContract extends Query<ContractView> {
  constructor(
    readonly contractId: string,
    readonly asOf?: Temporal.Instant,
  ) {
    super();
  }
}

@QueryHandler(GetContract)
export class GetContractHandler implements IQueryHandler<GetContract, ContractView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ contractId, asOf }: GetContract): Promise<ContractView> {
    const stream = await this.store.readStream(contractStreamId(contractId));
    const revision = lastRevision(stream);
    if (revision === undefined) throw unknownContract(contractId);
    // The revision stays the stream's current one: it is what an If-Match must name.
    const events = stream.map(toContractEvent);
    const state = (asOf ? foldContractAsOf(events, asOf) : foldContract(events))!;
    return toContractView(state, { revision, asOf: asOf ?? this.clock.now(), calendar: calendarOf(chinaCalendarCatalog, state.calendarVersion) });
  }
}

export const unknownContract = (contractId: string) => new ProblemException(404, 'unknown-contract', `no contract ${contractId}`);
