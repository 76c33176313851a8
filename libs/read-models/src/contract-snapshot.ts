// A contract's stream → the rows the read models keep. Everything comes from the domain's own view
// (status, obligations, late days, penalties), so the read models cannot disagree with
// GET /contracts/{id}; only the clock-dependent part (open vs overdue) is left to the query.
import {
  type CalendarCatalog,
  calendarOf,
  chinaCalendarCatalog,
  type ContractEvent,
  type ContractState,
  deriveObligations,
  foldContract,
  Temporal,
  toContractView,
  type WorkingDayCalendar,
} from '@app/contracts-domain';
import type { RecordedEvent } from '@app/event-store';
import { nextUpkeepAt } from './next-upkeep';
import { normaliseInstant } from './normalised-instants';
import type { ContractSnapshot, ObligationRow } from './read-model.port';

/** Stored event → domain event; the app passes its own (where upcasters live). */
export type ToContractEvent = (recorded: RecordedEvent) => ContractEvent;

export const plainContractEvent: ToContractEvent = (recorded) => ({ type: recorded.type, data: recorded.data }) as ContractEvent;

export { normaliseInstant } from './normalised-instants';

/**
 * The snapshot of a whole stream (revision = its last event's), or undefined when the stream holds
 * no contract (empty, or not begun with ContractDrafted).
 */
export function contractSnapshot(
  stream: readonly RecordedEvent[],
  options: { toEvent?: ToContractEvent; calendar?: WorkingDayCalendar; calendars?: CalendarCatalog } = {},
): ContractSnapshot | undefined {
  if (stream.length === 0) return undefined;
  const state = foldContract(stream.map(options.toEvent ?? plainContractEvent));
  return state && snapshotOfState(state, { first: stream[0], last: stream[stream.length - 1] }, options);
}

/**
 * The rows for a state already folded from a stream's events up to `last` (`first` is its
 * ContractDrafted); what the projector uses when it folds only the events new since its last flush.
 */
export function snapshotOfState(
  state: ContractState,
  { first, last }: { first: Pick<RecordedEvent, 'position'>; last: Pick<RecordedEvent, 'revision' | 'storedAt'> },
  options: { calendar?: WorkingDayCalendar; calendars?: CalendarCatalog } = {},
): ContractSnapshot {
  // asOf only decides open vs overdue, which the rows do not keep; the stored time keeps it deterministic.
  const calendar = options.calendar ?? calendarOf(options.calendars ?? chinaCalendarCatalog, state.calendarVersion);
  // Derived once for both: the obligations are most of what a snapshot costs.
  const derived = deriveObligations(state, calendar);
  const view = toContractView(state, { revision: last.revision, asOf: Temporal.Instant.from(last.storedAt), calendar, obligations: derived });
  const upkeep = nextUpkeepAt(state, calendar, derived);
  const obligations: ObligationRow[] = view.obligations.map((o) => ({
    contractId: view.id,
    obligationId: o.id,
    kind: o.kind,
    party: o.party,
    deadline: o.deadline === null ? null : normaliseInstant(o.deadline),
    metAt: o.metAt === null ? null : normaliseInstant(o.metAt),
    released: o.status === 'released',
    lapsed: o.status === 'lapsed',
    lateDays: o.lateDays,
    penalty: o.penalty,
  }));
  return {
    contract: {
      id: view.id,
      contractNo: view.contractNo,
      product: view.product,
      status: view.status,
      amount: state.terms.amount,
      customer: view.parties.customer,
      vendor: view.parties.vendor,
      timeZone: view.timeZone,
      revision: last.revision,
      draftedPosition: first.position,
      penaltiesCustomer: view.penalties.customer,
      penaltiesVendor: view.penalties.vendor,
      updatedAt: normaliseInstant(last.storedAt),
    },
    obligations,
    nextUpkeepAt: upkeep ? upkeep.toString() : null,
  };
}
