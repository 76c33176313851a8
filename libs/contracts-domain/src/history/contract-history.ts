import { occurredAtOf } from '../contract.events';
import { type ContractState, type ContractStatus, contractStatus, evolve, paidFen } from '../contract.state';
import { formatAmount } from '../money/money';
import type { SourcedEvent } from '../sourced-event';
import { Temporal } from '../temporal';
import type { Party } from '../terms/contract-terms';
import { formatInstant } from '../time';
import { describeEvent } from './describe-event';

// The contract's history as a lawyer reads it: every stored event in stream order, what it says in
// plain words, when it took effect and when (and by whom, by which command) it was recorded, and
// what it did to the figures that matter in a dispute.

/** A stored event with the facts of its recording (from the event's metadata). */
export interface HistoryRecord extends SourcedEvent {
  /** When the service recorded it (ISO 8601 instant). */
  recordedAt: string;
  actor?: string;
  commandType?: string;
  correlationId?: string;
  hash?: string;
}

export interface Change<T> {
  before: T;
  after: T;
}

export interface HistoryEffect {
  /** null before the contract was drafted. */
  status: Change<ContractStatus | null>;
  /** Accrued late-day penalties under 5.1 (before any settlement), per party. */
  penalties: Record<Party, Change<string>>;
  lateDays: Record<Party, Change<number>>;
  /** The contract amount not yet paid by the customer. */
  outstanding: Change<string>;
}

export interface HistoryEntry {
  revision: number;
  eventId: string;
  type: string;
  what: string;
  /** Business time: when it happened, in the contract's zone. */
  effectiveAt: string;
  recordedAt: string;
  recordedBy: string | null;
  byCommand: string | null;
  correlationId: string | null;
  hash: string | null;
  effect: HistoryEffect;
}

interface Figures {
  status: ContractStatus | null;
  penalties: Record<Party, string>;
  lateDays: Record<Party, number>;
  outstanding: string;
}

const NOTHING_YET: Figures = { status: null, penalties: { customer: '0.00', vendor: '0.00' }, lateDays: { customer: 0, vendor: 0 }, outstanding: '0.00' };

function figuresOf(state: ContractState | undefined): Figures {
  if (!state) return NOTHING_YET;
  return {
    status: contractStatus(state),
    penalties: { customer: formatAmount(state.penaltyTotals.customer), vendor: formatAmount(state.penaltyTotals.vendor) },
    lateDays: { ...state.penaltyDays },
    outstanding: formatAmount(state.amount - paidFen(state)),
  };
}

const change = <T>(before: T, after: T): Change<T> => ({ before, after });

function effectOf(before: Figures, after: Figures): HistoryEffect {
  return {
    status: change(before.status, after.status),
    penalties: { customer: change(before.penalties.customer, after.penalties.customer), vendor: change(before.penalties.vendor, after.penalties.vendor) },
    lateDays: { customer: change(before.lateDays.customer, after.lateDays.customer), vendor: change(before.lateDays.vendor, after.lateDays.vendor) },
    outstanding: change(before.outstanding, after.outstanding),
  };
}

/**
 * One entry per record, in the order given (stream order). Each effect compares the state folded
 * up to the event with the state just after it: the figures as they stood in the books at that
 * revision, in recording order, which is what the parties saw at the time.
 */
export function contractHistory(records: readonly HistoryRecord[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let state: ContractState | undefined;
  let before = NOTHING_YET;
  for (const record of records) {
    // evolve copies the state once per event and applies just that event: linear in the stream.
    state = evolve(state, [record.event]);
    const after = figuresOf(state);
    const zone = state?.terms.timeZone ?? 'UTC';
    const show = (instant: string) => formatInstant(Temporal.Instant.from(instant), zone);
    entries.push({
      revision: record.revision,
      eventId: record.eventId,
      type: record.event.type,
      what: describeEvent(record.event, zone),
      effectiveAt: show(occurredAtOf(record.event)),
      recordedAt: show(record.recordedAt),
      recordedBy: record.actor ?? null,
      byCommand: record.commandType ?? null,
      correlationId: record.correlationId ?? null,
      hash: record.hash ?? null,
      effect: effectOf(before, after),
    });
    before = after;
  }
  return entries;
}
