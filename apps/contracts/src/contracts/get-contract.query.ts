import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CalendarCatalog, calendarOf, type ContractView, foldContract, foldContractAsOf, formatInstant, Temporal, toContractView } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { type ContractRecord, loadContractStream, recordsKnownAt } from '@app/contract-store';
import { Clock } from '../clock';
import { CALENDARS } from '../core/calendars';
import { ProblemException } from '../http/problem-details';
import { EVENT_STORE } from '../store/event-store.provider';

/** The view, and which knowledge it rests on when it was asked for at a past knowledge time. */
export type BitemporalContractView = ContractView & {
  /** Present with knownAt: the instant whose knowledge the view shows, and how much of the stream that was. */
  knownAt?: string;
  eventsKnown?: number;
};

/**
 * The contract as its facts stood at `asOf` (business time), as we knew them at `knownAt`
 * (recording time): "on knownAt, what did we believe the position was on asOf". Without knownAt,
 * everything recorded so far; knownAt without asOf asks about that same instant.
 */
export class GetContract extends Query<BitemporalContractView> {
  constructor(
    readonly contractId: string,
    readonly asOf?: Temporal.Instant,
    readonly knownAt?: Temporal.Instant,
  ) {
    super();
  }
}

@QueryHandler(GetContract)
export class GetContractHandler implements IQueryHandler<GetContract, BitemporalContractView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ contractId, asOf, knownAt }: GetContract): Promise<BitemporalContractView> {
    const { records } = await loadContractStream(this.store, contractId);
    return contractViewKnownAt(contractId, records, { asOf, knownAt, now: this.clock.now(), calendars: this.calendars });
  }
}

/** The bitemporal view over an already loaded stream (the diff reads two of these from one load). */
export function contractViewKnownAt(
  contractId: string,
  records: readonly ContractRecord[],
  options: { asOf?: Temporal.Instant; knownAt?: Temporal.Instant; now: Temporal.Instant; calendars: CalendarCatalog },
): BitemporalContractView {
  const revision = records.at(-1)?.revision;
  if (revision === undefined) throw unknownContract(contractId);
  const known = recordsKnownAt(records, options.knownAt);
  if (known.length === 0) throw nothingKnownYet(contractId, options.knownAt!, records[0]);
  const events = known.map((r) => r.event);
  const asOf = options.asOf ?? options.knownAt;
  const state = (asOf ? foldContractAsOf(events, asOf) : foldContract(events))!;
  // The revision stays the stream's current one: it is what an If-Match must name.
  const view = toContractView(state, { revision, asOf: asOf ?? options.now, calendar: calendarOf(options.calendars, state.calendarVersion) });
  if (!options.knownAt) return view;
  return { ...view, knownAt: formatInstant(options.knownAt, state.terms.timeZone), eventsKnown: known.length };
}

export const unknownContract = (contractId: string) => new ProblemException(404, 'unknown-contract', `no contract ${contractId}`);

function nothingKnownYet(contractId: string, knownAt: Temporal.Instant, first: ContractRecord): ProblemException {
  const zone = first.event.type === 'ContractDrafted' ? first.event.data.terms.timeZone : 'UTC';
  return new ProblemException(
    404,
    'not-yet-known',
    `nothing was known of contract ${contractId} at ${formatInstant(knownAt, zone)}: its first event was recorded at ${formatInstant(first.recordedAt, zone)}`,
    [{ field: 'knownAt', message: `knownAt is before the contract was first recorded (${formatInstant(first.recordedAt, zone)})` }],
  );
}
