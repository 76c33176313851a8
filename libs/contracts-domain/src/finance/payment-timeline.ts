import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { type ContractState, type ContractStatus, contractStatus, paidFen } from '../contract.state';
import { type Fen, formatAmount } from '../money/money';
import { lateDaysOwed } from '../obligations/late-days';
import { paidInFullAt } from '../obligations/obligations';
import { Temporal } from '../temporal';
import type { PaymentTerms } from '../terms/contract-terms';
import { endOfLocalDate, formatInstant, instantOf, isBefore, localDateOf } from '../time';
import { type DerivationDay, deriveDueDate } from './due-date-derivation';

// What finance audits for one contract (3.2 and 5.1): the invoices, the fact that started the
// payment clock, the due date and how it was counted, every payment with what was still owed
// after it, and each late day the customer was charged. Derived from the state alone, so a
// replay to the same moment gives the same timeline; money leaves as decimal strings.

export const PAYMENT_TIMELINE_STATUSES = ['awaiting-trigger', 'open', 'overdue', 'paid-on-time', 'paid-late'] as const;
export type PaymentTimelineStatus = (typeof PAYMENT_TIMELINE_STATUSES)[number];

export interface PaymentTrigger {
  /** Which fact started the clock: both signatures (6.2) or the receipt of an invoice. */
  fact: PaymentTerms['trigger'];
  description: string;
  at: string;
  localDate: string;
  invoiceNo: string | null;
}

export interface TimelinePayment {
  amount: string;
  receivedAt: string;
  reference: string;
  cumulativePaid: string;
  outstandingAfter: string;
  onTime: boolean;
  /** Late days started before it arrived (0 when on time or before any trigger). */
  daysLate: number;
}

export interface TimelineLateDay {
  lateDay: number;
  startedAt: string;
  amount: string;
  /** The customer's penalty total once this day is counted (5.1: measured against the 20 % threshold). */
  customerTotal: string;
}

export interface PaymentTimeline {
  contractId: string;
  contractNo: string;
  product: string;
  contractStatus: ContractStatus;
  parties: { customer: string; vendor: string };
  amount: string;
  currency: 'CNY';
  timeZone: string;
  calendar: { id: string; version: string };
  asOf: string;
  terms: { trigger: PaymentTerms['trigger']; workingDays: number; dailyRate: string; clause: '3.2' };
  invoices: { invoiceNo: string; amount: string; issuedAt: string; receivedAt: string | null }[];
  trigger: PaymentTrigger | null;
  /** outstandingAtDeadline: what was still unpaid when the due day ended. Late days cost 0.1 % of the
   * contract amount whatever part is unpaid (5.1 合同额), so this explains why they started, not their price. */
  due: { date: string; deadline: string; provisional: boolean; outstandingAtDeadline: string; derivation: DerivationDay[] } | null;
  payments: TimelinePayment[];
  paid: string;
  outstanding: string;
  paidInFullAt: string | null;
  lateDays: TimelineLateDay[];
  penaltyTotal: string;
  status: PaymentTimelineStatus;
}

/** The payment timeline as the state stands; `asOf` decides whether an unpaid due date has passed. */
export function paymentTimeline(state: ContractState, calendar: WorkingDayCalendar, asOf: Temporal.Instant): PaymentTimeline {
  const zone = state.terms.timeZone;
  const show = (t: Temporal.Instant) => formatInstant(t, zone);
  const trigger = paymentTrigger(state);
  const due = trigger ? deriveDueDate(calendar, trigger.localDate, state.terms.paymentTerms.workingDays) : undefined;
  const deadline = due ? endOfLocalDate(due.dueDate, zone) : undefined;
  const lateDays = paymentLateDays(state);
  const fullAt = paidInFullAt(state);
  return {
    contractId: state.id,
    contractNo: state.terms.contractNo,
    product: state.terms.product,
    contractStatus: contractStatus(state),
    parties: { customer: state.terms.customer.name, vendor: state.terms.vendor.name },
    amount: formatAmount(state.amount),
    currency: 'CNY',
    timeZone: zone,
    calendar: { id: calendar.id, version: calendar.version },
    asOf: show(asOf),
    terms: { ...state.terms.paymentTerms, dailyRate: state.terms.penaltyPolicy.dailyRate, clause: '3.2' },
    invoices: [...state.invoices].map(([invoiceNo, i]) => ({
      invoiceNo,
      amount: formatAmount(i.amount),
      issuedAt: show(instantOf(i.issuedAt)),
      receivedAt: i.receivedAt ? show(instantOf(i.receivedAt)) : null,
    })),
    trigger: trigger ? { ...trigger, at: show(trigger.at), localDate: trigger.localDate.toString() } : null,
    due:
      due && deadline
        ? { date: due.dueDate.toString(), deadline: show(deadline), provisional: due.provisional, outstandingAtDeadline: formatAmount(outstanding(state.amount, paidBefore(state, deadline))), derivation: due.days }
        : null,
    payments: timelinePayments(state, deadline).map((p) => ({ ...p, receivedAt: show(instantOf(p.receivedAt)) })),
    paid: formatAmount(paidFen(state)),
    outstanding: formatAmount(outstanding(state.amount, paidFen(state))),
    paidInFullAt: fullAt ? show(fullAt) : null,
    lateDays: lateDays.map((d) => ({ ...d, startedAt: show(instantOf(d.startedAt)) })),
    penaltyTotal: lateDays.at(-1)?.customerTotal ?? '0.00',
    status: statusOf(deadline, fullAt, asOf),
  };
}

function paymentTrigger(state: ContractState): (Omit<PaymentTrigger, 'at' | 'localDate'> & { at: Temporal.Instant; localDate: Temporal.PlainDate }) | undefined {
  const zone = state.terms.timeZone;
  if (state.terms.paymentTerms.trigger === 'signing') {
    if (!state.effectiveAt) return undefined;
    const at = instantOf(state.effectiveAt);
    const description = 'the contract took effect: both parties signed (6.2)';
    return { fact: 'signing', description, at, localDate: localDateOf(at, zone), invoiceNo: null };
  }
  // 3.2 (ITiMe): the first invoice the customer received starts the clock, as in deriveObligations.
  const received = [...state.invoices]
    .flatMap(([invoiceNo, i]) => (i.receivedAt ? [{ invoiceNo, at: instantOf(i.receivedAt) }] : []))
    .sort((a, b) => Temporal.Instant.compare(a.at, b.at))[0];
  if (!received) return undefined;
  const description = `the customer received invoice ${received.invoiceNo}`;
  return { fact: 'invoice-receipt', description, at: received.at, localDate: localDateOf(received.at, zone), invoiceNo: received.invoiceNo };
}

function timelinePayments(state: ContractState, deadline: Temporal.Instant | undefined): TimelinePayment[] {
  const byTime = [...state.payments].sort((a, b) => Temporal.Instant.compare(instantOf(a.receivedAt), instantOf(b.receivedAt)));
  let cumulative = 0n;
  return byTime.map((p) => {
    cumulative += p.amount;
    const receivedAt = instantOf(p.receivedAt);
    // Days late counts the late days that had started when the money arrived (5.1), as accrual does.
    const daysLate = deadline ? lateDaysOwed(deadline, { until: receivedAt, metAt: receivedAt }) : 0;
    return {
      amount: formatAmount(p.amount),
      receivedAt: p.receivedAt,
      reference: p.reference,
      cumulativePaid: formatAmount(cumulative),
      outstandingAfter: formatAmount(outstanding(state.amount, cumulative)),
      onTime: daysLate === 0,
      daysLate,
    };
  });
}

/** The payment obligation's late days in the ledger (reversed ones are gone from it), in order. */
function paymentLateDays(state: ContractState): TimelineLateDay[] {
  const days = [...state.ledger.values()].filter((e) => e.obligationId === 'payment').sort((a, b) => a.lateDay - b.lateDay);
  let total: Fen = 0n;
  return days.map((e) => {
    total += e.amount;
    return { lateDay: e.lateDay, startedAt: e.dayStartedAt, amount: formatAmount(e.amount), customerTotal: formatAmount(total) };
  });
}

function statusOf(deadline: Temporal.Instant | undefined, fullAt: Temporal.Instant | undefined, asOf: Temporal.Instant): PaymentTimelineStatus {
  if (fullAt) return deadline && lateDaysOwed(deadline, { until: fullAt, metAt: fullAt }) > 0 ? 'paid-late' : 'paid-on-time';
  if (!deadline) return 'awaiting-trigger';
  return isBefore(asOf, deadline) ? 'open' : 'overdue';
}

const paidBefore = (state: ContractState, instant: Temporal.Instant): Fen =>
  state.payments.filter((p) => isBefore(instantOf(p.receivedAt), instant)).reduce((sum, p) => sum + p.amount, 0n);

// An overpayment owes nothing, it does not owe a negative amount.
const outstanding = (amount: Fen, paid: Fen): Fen => (paid >= amount ? 0n : amount - paid);
