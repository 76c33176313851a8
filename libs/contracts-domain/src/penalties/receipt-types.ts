import type { CalendarDayKind } from '../calendar/working-day-calendar';
import type { ObligationKind } from '../obligations/obligations';
import type { InspectionKind, Party, Priority, SiteLocation } from '../terms/contract-terms';

// A calculation receipt: one ledger line (a late day accrued or reversed) with everything a reader
// needs to recompute it by hand. Plain JSON data: amounts are decimal strings, instants ISO 8601 in
// the contract's zone, so the same receipt always serialises, and hashes, the same way.

/** Names the receipt's layout and wording: a change to either is a new format, so old hashes stay explained. */
export const PENALTY_RECEIPT_FORMAT = 'penalty-receipt/1';

export interface PenaltyReceipt {
  format: typeof PENALTY_RECEIPT_FORMAT;
  /** The ledger event's id: a receipt explains exactly one PenaltyAccrued or PenaltyAccrualReversed. */
  receiptId: string;
  kind: 'accrual' | 'reversal';
  contract: { id: string; contractNo: string; timeZone: string };
  party: { role: Party; label: '甲方 customer' | '乙方 vendor'; name: string };
  obligation: ReceiptObligation;
  calendar: { id: string; version: string };
  lateDay: { number: number; startedAt: string; endedAt: string };
  computation: ReceiptComputation;
  threshold: ReceiptThreshold;
  clause: { number: '5.1'; text: string };
  /** Why a reversal was recorded (from the event); absent on accruals. */
  reversalReason?: string;
  /** Every event this line derives from, oldest first, the ledger event itself last. */
  derivedFrom: ReceiptSource[];
  rounding: string;
}

export interface ReceiptObligation {
  id: string;
  kind: ObligationKind;
  /** The deadline as derived from the facts known at this line; null if it could not be derived then. */
  deadline: string | null;
  /** Payment only: the last day to pay, in the contract's zone. */
  dueDate?: string;
  /** true when a day the deadline relied on had no official holiday data (Mon–Fri assumed). */
  provisional: boolean;
  /** When the obligation was met, as known at this line (explains a reversal). */
  metAt?: string;
  derivation: DeadlineDerivation | null;
}

export type DeadlineDerivation = PaymentDerivation | FaultResponseDerivation | OnsiteArrivalDerivation | QuotaDerivation;

export interface PaymentDerivation {
  kind: 'payment';
  /** 3.2: the day the count starts after (signing for BasicCall, invoice receipt for ITiMe). */
  trigger: { kind: 'signing' | 'invoice-receipt'; at: string; localDate: string; eventId: string | null; invoiceNo?: string };
  workingDays: number;
  counted: ReceiptCalendarDay[];
  skipped: ReceiptCalendarDay[];
  rule: string;
}

export interface ReceiptCalendarDay {
  date: string;
  weekday: string;
  kind: CalendarDayKind;
  holiday?: string;
  provisional: boolean;
  /** In words: "weekend", "holiday 春节 Spring Festival", "adjusted working day (调休) for 春节 Spring Festival". */
  why: string;
}

export interface FaultResponseDerivation {
  kind: 'fault-response';
  faultId: string;
  reportedAt: string;
  priority: Priority;
  responseHours: number;
  serviceWindow: { kind: '5x8' | '7x8' | '7x24'; from: string; to: string };
  rule: string;
}

export interface OnsiteArrivalDerivation {
  kind: 'onsite-arrival';
  faultId: string;
  requestedAt: string;
  site: SiteLocation;
  hours: number;
  rule: string;
}

export interface QuotaDerivation {
  kind: 'inspection' | 'training';
  inspectionKind?: InspectionKind;
  /** Both inclusive. */
  period: { start: string; end: string };
  perYear: number;
  rule: string;
}

export interface ReceiptComputation {
  /** terms.penaltyPolicy.dailyRate, e.g. "0.001" (0.1 % a day). */
  dailyRate: string;
  /** The contract amount the rate applies to. */
  base: string;
  /** The party's recorded late days before and after this line (all obligations together). */
  lateDaysBefore: number;
  lateDaysAfter: number;
  /** base × rate × late days, exactly, in yuan as a fraction "numerator/denominator" when not whole fen. */
  exactTotalBefore: string;
  exactTotalAfter: string;
  roundedTotalBefore: string;
  roundedTotalAfter: string;
  /** The line's amount: positive on an accrual, the amount taken off on a reversal. */
  amount: string;
  /** The party's running total after this line, as recorded. */
  partyTotal: string;
}

export interface ReceiptThreshold {
  /** terms.penaltyPolicy.terminationThreshold, e.g. "0.20". */
  rate: string;
  amount: string;
  /** partyTotal as a share of the threshold amount, in percent with two decimals, e.g. "0.50". */
  usedPercent: string;
  /** true once the party's exact total is strictly above the threshold: 5.1 ends the contract. */
  exceeded: boolean;
}

export interface ReceiptSource {
  eventId: string;
  revision: number;
  type: string;
  /** What this event contributes: "terms", "trigger", "fault report", "ledger line", … */
  role: string;
}
