import { FIRST_CALENDAR_VERSION } from './calendar/calendar-catalog';
import { type ContractEvent, occurredAtOf, type SettlementKind } from './contract.events';
import { Temporal } from './temporal';
import { type Fen, type Fraction, parseAmount, parseDecimalFraction } from './money/money';
import type { ContractTerms, InspectionKind, Party, Priority } from './terms/contract-terms';

// The contract as its events say it is. Everything else (status, obligations, deadlines) is
// derived from this by pure functions, so a replay to any date gives the same answers.

export const CONTRACT_STATUSES = ['draft', 'signed', 'active', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export interface FaultState {
  faultId: string;
  description: string;
  priority: Priority;
  reportedAt: string;
  respondedAt?: string;
  onsiteRequestedAt?: string;
  arrivedAt?: string;
  resolvedAt?: string;
}

export interface LedgerEntry {
  party: Party;
  obligationId: string;
  lateDay: number;
  dayStartedAt: string;
  amount: Fen;
}

export interface ContractState {
  id: string;
  terms: ContractTerms;
  amount: Fen;
  dailyRate: Fraction;
  threshold: Fraction;
  draftedAt: string;
  /** The working-day calendar version every deadline of this contract is computed with. */
  calendarVersion: string;
  signatures: Partial<Record<Party, { signatory: string; signedAt: string }>>;
  effectiveAt?: string;
  invoices: Map<string, { amount: Fen; issuedAt: string; receivedAt?: string }>;
  payments: { amount: Fen; receivedAt: string; reference: string }[];
  service?: { activatedAt: string; start: string; end: string };
  faults: Map<string, FaultState>;
  inspections: { kind: InspectionKind; performedAt: string }[];
  inspectionRefusals: { kind: InspectionKind; refusedAt: string }[];
  trainings: { deliveredAt: string }[];
  /** Late days recorded and not reversed, keyed by ledgerKey(obligationId, lateDay). */
  ledger: Map<string, LedgerEntry>;
  penaltyDays: Record<Party, number>;
  penaltyTotals: Record<Party, Fen>;
  /** Agreed waivers, reductions and payments of accrued penalties, in the order recorded. */
  settlements: { settlementId: string; party: Party; kind: SettlementKind; amount: Fen; agreedAt: string; reference: string }[];
  termination?: { by: 'penalty-threshold' | 'mutual-agreement'; reason: string; party: Party | null; at: string };
  expiredAt?: string;
  /** 5.2: parties whose confidential details were erased, and when. */
  erasures: Partial<Record<Party, string>>;
}

export const ledgerKey = (obligationId: string, lateDay: number) => `${obligationId}#${lateDay}`;

export function contractStatus(state: ContractState): ContractStatus {
  if (state.termination) return 'terminated';
  if (state.expiredAt) return 'expired';
  if (state.service) return 'active';
  if (state.effectiveAt) return 'signed';
  return 'draft';
}

export function paidFen(state: ContractState): Fen {
  return state.payments.reduce((sum, p) => sum + p.amount, 0n);
}

/** Build the state from a stream; undefined when the stream holds no contract. */
export function foldContract(events: Iterable<ContractEvent>): ContractState | undefined {
  let state: ContractState | undefined;
  for (const event of events) state = applyEvent(state, event);
  return state;
}

/**
 * The contract as its facts stood at `asOf` (business time): the terms, and every event that had
 * occurred by then. Compensating events carry the time of what they compensate, so a fact recorded
 * late shows up, with its corrections, in every replay after the moment it happened.
 */
export function foldContractAsOf(events: readonly ContractEvent[], asOf: Temporal.Instant): ContractState | undefined {
  return foldContract(events.filter((e) => e.type === 'ContractDrafted' || Temporal.Instant.compare(Temporal.Instant.from(occurredAtOf(e)), asOf) <= 0));
}

/** A new state with the events applied; the given state is not touched. */
export function evolve(state: ContractState | undefined, events: readonly ContractEvent[]): ContractState | undefined {
  let next = state ? cloneState(state) : undefined;
  for (const event of events) next = applyEvent(next, event);
  return next;
}

function cloneState(state: ContractState): ContractState {
  return {
    ...state,
    signatures: { ...state.signatures },
    erasures: { ...state.erasures },
    invoices: new Map([...state.invoices].map(([k, v]) => [k, { ...v }])),
    payments: [...state.payments],
    faults: new Map([...state.faults].map(([k, v]) => [k, { ...v }])),
    inspections: [...state.inspections],
    inspectionRefusals: [...state.inspectionRefusals],
    trainings: [...state.trainings],
    ledger: new Map(state.ledger),
    penaltyDays: { ...state.penaltyDays },
    penaltyTotals: { ...state.penaltyTotals },
    settlements: [...state.settlements],
  };
}

// Mutates `state` (always a private copy, see evolve/foldContract) to keep long replays linear.
function applyEvent(state: ContractState | undefined, event: ContractEvent): ContractState | undefined {
  if (event.type === 'ContractDrafted') return drafted(event.data);
  if (!state) return state; // events before a draft cannot occur in a contract stream
  switch (event.type) {
    case 'ContractSigned':
      state.signatures[event.data.party] = { signatory: event.data.signatory, signedAt: event.data.signedAt };
      break;
    case 'ContractTookEffect':
      state.effectiveAt = event.data.effectiveAt;
      break;
    case 'InvoiceIssued':
      state.invoices.set(event.data.invoiceNo, { amount: parseAmount(event.data.amount), issuedAt: event.data.issuedAt });
      break;
    case 'InvoiceReceived': {
      const invoice = state.invoices.get(event.data.invoiceNo);
      if (invoice) invoice.receivedAt = event.data.receivedAt;
      break;
    }
    case 'PaymentReceived':
      state.payments.push({ ...event.data, amount: parseAmount(event.data.amount) });
      break;
    case 'ServiceActivated':
      state.service = { ...event.data };
      break;
    case 'FaultReported':
      state.faults.set(event.data.faultId, { ...event.data });
      break;
    default:
      applyFaultOrServiceEvent(state, event);
  }
  return state;
}

function applyFaultOrServiceEvent(state: ContractState, event: ContractEvent): void {
  const fault = 'faultId' in event.data ? state.faults.get(event.data.faultId) : undefined;
  switch (event.type) {
    case 'FaultPriorityChanged':
      if (fault) fault.priority = event.data.priority;
      break;
    case 'FaultRespondedTo':
      if (fault) fault.respondedAt = event.data.respondedAt;
      break;
    case 'OnsiteVisitRequested':
      if (fault) fault.onsiteRequestedAt = event.data.requestedAt;
      break;
    case 'EngineerArrivedOnsite':
      if (fault) fault.arrivedAt = event.data.arrivedAt;
      break;
    case 'FaultResolved':
      if (fault) fault.resolvedAt = event.data.resolvedAt;
      break;
    case 'InspectionPerformed':
      state.inspections.push({ kind: event.data.kind, performedAt: event.data.performedAt });
      break;
    case 'InspectionDeclinedByCustomer':
      state.inspectionRefusals.push({ kind: event.data.kind, refusedAt: event.data.refusedAt });
      break;
    case 'TrainingDelivered':
      state.trainings.push({ deliveredAt: event.data.deliveredAt });
      break;
    case 'PenaltyAccrued': {
      const { party, obligationId, lateDay, dayStartedAt } = event.data;
      const amount = parseAmount(event.data.amount);
      state.ledger.set(ledgerKey(obligationId, lateDay), { party, obligationId, lateDay, dayStartedAt, amount });
      state.penaltyDays[party] += 1;
      state.penaltyTotals[party] += amount;
      break;
    }
    case 'PenaltyAccrualReversed': {
      const { party, obligationId, lateDay } = event.data;
      state.ledger.delete(ledgerKey(obligationId, lateDay));
      state.penaltyDays[party] -= 1;
      state.penaltyTotals[party] -= parseAmount(event.data.amount);
      break;
    }
    case 'ContractTerminated':
      state.termination = { ...event.data };
      break;
    case 'ContractTerminationRevoked':
      state.termination = undefined;
      break;
    case 'ContractExpired':
      state.expiredAt = event.data.at;
      break;
    case 'CalendarVersionAdopted':
      state.calendarVersion = event.data.version;
      break;
    case 'PenaltySettlementRecorded': {
      const { settlementId, party, kind, agreedAt, reference } = event.data;
      state.settlements.push({ settlementId, party, kind, amount: parseAmount(event.data.amount), agreedAt, reference });
      break;
    }
    case 'PartyDataErased':
      state.erasures[event.data.party] = event.data.erasedAt;
      break;
  }
}

function drafted(data: { contractId: string; terms: ContractTerms; draftedAt: string; calendarVersion?: string }): ContractState {
  return {
    id: data.contractId,
    terms: data.terms,
    amount: parseAmount(data.terms.amount),
    dailyRate: parseDecimalFraction(data.terms.penaltyPolicy.dailyRate),
    threshold: parseDecimalFraction(data.terms.penaltyPolicy.terminationThreshold),
    draftedAt: data.draftedAt,
    calendarVersion: data.calendarVersion ?? FIRST_CALENDAR_VERSION,
    signatures: {},
    invoices: new Map(),
    payments: [],
    faults: new Map(),
    inspections: [],
    inspectionRefusals: [],
    trainings: [],
    ledger: new Map(),
    penaltyDays: { customer: 0, vendor: 0 },
    penaltyTotals: { customer: 0n, vendor: 0n },
    settlements: [],
    erasures: {},
  };
}
