import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CalendarCatalog, contractHistory, diffValues, type FieldChange, formatInstant, type HistoryEntry, type HistoryRecord, Temporal } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { type ContractRecord, loadContractStream, recordsKnownAt } from '@app/contract-store';
import { contractViewKnownAt, unknownContract } from '../contracts/get-contract.query';
import { CALENDARS } from '../core/calendars';
import { EVENT_STORE } from '../store/event-store.provider';

// Legal's two questions about a contract's past: what happened, as recorded (the history), and
// what changed in our knowledge between two moments (the diff).

const toHistoryRecord = (r: ContractRecord): HistoryRecord => ({
  eventId: r.eventId,
  revision: r.revision,
  event: r.event,
  recordedAt: r.recordedAt.toString(),
  actor: r.metadata.actor,
  commandType: r.metadata.commandType,
  correlationId: r.metadata.correlationId,
  hash: typeof r.metadata.hash === 'string' ? r.metadata.hash : undefined,
});

async function loadRecords(store: EventStore, contractId: string): Promise<ContractRecord[]> {
  const { records } = await loadContractStream(store, contractId);
  if (records.length === 0) throw unknownContract(contractId);
  return records;
}

export interface ContractHistoryView {
  contractId: string;
  knownAt: string | null;
  items: HistoryEntry[];
}

/** Every event recorded (by knownAt, if given), told for a reader, with its effect on the figures. */
export class GetContractHistory extends Query<ContractHistoryView> {
  constructor(
    readonly contractId: string,
    readonly knownAt?: Temporal.Instant,
  ) {
    super();
  }
}

@QueryHandler(GetContractHistory)
export class GetContractHistoryHandler implements IQueryHandler<GetContractHistory, ContractHistoryView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, knownAt }: GetContractHistory): Promise<ContractHistoryView> {
    const records = await loadRecords(this.store, contractId);
    const items = contractHistory(recordsKnownAt(records, knownAt).map(toHistoryRecord));
    return { contractId, knownAt: knownAt ? formatInstant(knownAt, zoneOf(records)) : null, items };
  }
}

export interface KnowledgeDiff {
  contractId: string;
  from: string;
  to: string;
  asOf: string;
  /** The events recorded after `from` and by `to`, as history entries. */
  recorded: HistoryEntry[];
  /** The fields of the contract view (at asOf) that differ between the two knowledge times. */
  changes: FieldChange[];
}

/** Fields that describe the question, not the answer: they differ by construction. */
const QUESTION_FIELDS = ['revision', 'asOf', 'knownAt', 'eventsKnown'];

export class DiffContractKnowledge extends Query<KnowledgeDiff> {
  constructor(
    readonly contractId: string,
    readonly from: Temporal.Instant,
    readonly to: Temporal.Instant,
    readonly asOf?: Temporal.Instant,
  ) {
    super();
  }
}

@QueryHandler(DiffContractKnowledge)
export class DiffContractKnowledgeHandler implements IQueryHandler<DiffContractKnowledge, KnowledgeDiff> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ contractId, from, to, asOf: askedAsOf }: DiffContractKnowledge): Promise<KnowledgeDiff> {
    const records = await loadRecords(this.store, contractId);
    // Both views describe the same business instant, so the diff shows only what was learnt
    // in between, not time passing. By default that instant is `to`.
    const asOf = askedAsOf ?? to;
    const view = (knownAt: Temporal.Instant) => (recordsKnownAt(records, knownAt).length ? contractViewKnownAt(contractId, records, { asOf, knownAt, now: asOf, calendars: this.calendars }) : {});
    const knownAtTo = recordsKnownAt(records, to);
    // Effects are computed over everything known at `to`, so each new event shows its real effect.
    const recorded = contractHistory(knownAtTo.map(toHistoryRecord)).filter((_, i) => Temporal.Instant.compare(knownAtTo[i].recordedAt, from) > 0);
    const zone = zoneOf(records);
    return {
      contractId,
      from: formatInstant(from, zone),
      to: formatInstant(to, zone),
      asOf: formatInstant(asOf, zone),
      recorded,
      changes: diffValues(view(from), view(to), { ignore: QUESTION_FIELDS }),
    };
  }
}

function zoneOf(records: readonly ContractRecord[]): string {
  const first = records[0]?.event;
  return first?.type === 'ContractDrafted' ? first.data.terms.timeZone : 'UTC';
}
