import { type CalendarCatalog, calendarOf } from '../calendar/calendar-catalog';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PenaltyLine } from '../contract.events';
import { type ContractState, evolve } from '../contract.state';
import { deriveObligations, type Obligation } from '../obligations/obligations';
import type { SourcedEvent } from '../sourced-event';
import type { Party } from '../terms/contract-terms';
import { formatInstant, instantOf } from '../time';
import { PENALTY_CLAUSE, ROUNDING_RULE } from './clause-5-1';
import { deadlineDerivation } from './deadline-derivation';
import { lineComputation, thresholdUse } from './receipt-arithmetic';
import { ledgerSource, receiptSources, triggerEventId } from './receipt-sources';
import { type PenaltyReceipt, PENALTY_RECEIPT_FORMAT, type ReceiptObligation, type ReceiptSource } from './receipt-types';

export type { PenaltyReceipt } from './receipt-types';

const PARTY_LABEL = { customer: '甲方 customer', vendor: '乙方 vendor' } as const;
const DAY_HOURS = 24;

/**
 * One receipt per PenaltyAccrued and PenaltyAccrualReversed, in stream order. Each receipt is
 * computed from the events up to and including its own ledger event only (never a clock, never a
 * later event), so explaining again after more events were appended gives the same receipt.
 */
export function explainPenalties(events: readonly SourcedEvent[], calendars: CalendarCatalog): PenaltyReceipt[] {
  const receipts: PenaltyReceipt[] = [];
  let state: ContractState | undefined;
  // Obligations derive from the facts only, never from the ledger: between two facts every line of
  // an obligation has the same deadline and sources, so they are derived once (Temporal is slow).
  let facts = new Map<string, ObligationFacts>();
  events.forEach((sourced, index) => {
    const { event } = sourced;
    if (state && (event.type === 'PenaltyAccrued' || event.type === 'PenaltyAccrualReversed')) {
      const reason = event.type === 'PenaltyAccrualReversed' ? event.data.reason : undefined;
      const calendar = calendarOf(calendars, event.data.calendarVersion ?? state.calendarVersion);
      const key = `${calendar.version}|${event.data.obligationId}`;
      const known = facts.get(key) ?? obligationFacts(state, event.data.obligationId, events.slice(0, index), calendar);
      facts.set(key, known);
      receipts.push(receiptFor(state, event.data, reason, sourced, known));
    } else {
      facts = new Map();
    }
    state = evolve(state, [event]);
  });
  return receipts;
}

interface ObligationFacts {
  calendar: WorkingDayCalendar;
  obligation: ReceiptObligation;
  sources: ReceiptSource[];
}

function obligationFacts(before: ContractState, obligationId: string, prefix: readonly SourcedEvent[], calendar: WorkingDayCalendar): ObligationFacts {
  const obligation = deriveObligations(before, calendar).find((o) => o.id === obligationId);
  return { calendar, obligation: obligationOf(before, obligationId, obligation, prefix, calendar), sources: receiptSources(prefix, obligation) };
}

/** `before`: the contract folded from every event before the ledger line. */
function receiptFor(before: ContractState, line: PenaltyLine, reversalReason: string | undefined, ledgerEvent: SourcedEvent, facts: ObligationFacts): PenaltyReceipt {
  const zone = before.terms.timeZone;
  const daysBefore = before.penaltyDays[line.party];
  const daysAfter = reversalReason === undefined ? daysBefore + 1 : daysBefore - 1;
  const startedAt = instantOf(line.dayStartedAt);
  return {
    format: PENALTY_RECEIPT_FORMAT,
    receiptId: ledgerEvent.eventId,
    kind: reversalReason === undefined ? 'accrual' : 'reversal',
    contract: { id: before.id, contractNo: before.terms.contractNo, timeZone: zone },
    party: partyOf(before, line.party),
    obligation: structuredClone(facts.obligation),
    calendar: { id: facts.calendar.id, version: facts.calendar.version },
    lateDay: { number: line.lateDay, startedAt: line.dayStartedAt, endedAt: formatInstant(startedAt.add({ hours: DAY_HOURS }), zone) },
    computation: lineComputation(before, daysBefore, daysAfter, line),
    threshold: thresholdUse(before, daysAfter),
    clause: { ...PENALTY_CLAUSE },
    ...(reversalReason === undefined ? {} : { reversalReason }),
    derivedFrom: [...facts.sources.map((source) => ({ ...source })), ledgerSource(ledgerEvent)],
    rounding: ROUNDING_RULE,
  };
}

function partyOf(state: ContractState, role: Party): PenaltyReceipt['party'] {
  return { role, label: PARTY_LABEL[role], name: state.terms[role].name };
}

function obligationOf(
  state: ContractState,
  id: string,
  obligation: Obligation | undefined,
  prefix: readonly SourcedEvent[],
  calendar: WorkingDayCalendar,
): ReceiptObligation {
  const zone = state.terms.timeZone;
  if (!obligation) return { id, kind: kindOf(id), deadline: null, provisional: false, derivation: null };
  const derivation = deadlineDerivation(state, obligation, calendar);
  if (derivation?.kind === 'payment') derivation.trigger.eventId = triggerEventId(prefix, derivation.trigger.at, derivation.trigger.invoiceNo);
  return {
    id,
    kind: obligation.kind,
    deadline: obligation.deadline ? formatInstant(obligation.deadline, zone) : null,
    ...(obligation.dueDate ? { dueDate: obligation.dueDate.toString() } : {}),
    provisional: obligation.provisional,
    ...(obligation.metAt ? { metAt: formatInstant(obligation.metAt, zone) } : {}),
    derivation,
  };
}

/** Obligation ids start with their kind ("fault-response:F-1"); used only when it can no longer be derived. */
function kindOf(id: string): Obligation['kind'] {
  return id.split(':')[0] as Obligation['kind'];
}
