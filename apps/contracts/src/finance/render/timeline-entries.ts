import type { PaymentTimeline } from '@app/contracts-domain';

// The timeline flattened to one line per thing that happened or was counted, in the order a
// reader walks through it: invoices, the trigger, each day after it, the due date, payments, late
// days. Both the CSV and the docs read this, so they cannot tell the story differently.

export const ENTRY_KINDS = ['invoice', 'trigger', 'day counted', 'day skipped', 'due', 'payment', 'late day'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface TimelineEntry {
  contractNo: string;
  customer: string;
  vendor: string;
  entry: EntryKind;
  /** The local date in the contract's zone. */
  date: string;
  /** The instant, when the entry has one (ISO 8601 with the contract's offset). */
  at: string;
  workingDay: string;
  lateDay: string;
  amount: string;
  /** Paid so far (payment) or the customer's penalty total (late day). */
  runningTotal: string;
  outstanding: string;
  reference: string;
  detail: string;
}

export const ENTRY_COLUMNS: readonly (keyof TimelineEntry)[] = [
  'contractNo',
  'customer',
  'vendor',
  'entry',
  'date',
  'at',
  'workingDay',
  'lateDay',
  'amount',
  'runningTotal',
  'outstanding',
  'reference',
  'detail',
];

const dateOf = (instant: string) => instant.slice(0, 10); // instants are already shown in the contract's zone

export function timelineEntries(t: PaymentTimeline): TimelineEntry[] {
  const blank = { contractNo: t.contractNo, customer: t.parties.customer, vendor: t.parties.vendor, date: '', at: '', workingDay: '', lateDay: '', amount: '', runningTotal: '', outstanding: '', reference: '', detail: '' };
  const entries: TimelineEntry[] = t.invoices.map((i) => ({
    ...blank,
    entry: 'invoice',
    date: dateOf(i.issuedAt),
    at: i.issuedAt,
    amount: i.amount,
    reference: i.invoiceNo,
    detail: i.receivedAt ? `issued; received by the customer ${i.receivedAt}` : 'issued; not received yet',
  }));
  if (t.trigger) {
    entries.push({ ...blank, entry: 'trigger', date: t.trigger.localDate, at: t.trigger.at, reference: t.trigger.invoiceNo ?? '', detail: t.trigger.description });
  }
  if (t.due) {
    for (const day of t.due.derivation) {
      entries.push({
        ...blank,
        entry: day.counted ? 'day counted' : 'day skipped',
        date: day.date,
        workingDay: day.workingDayNumber?.toString() ?? '',
        detail: `${day.weekday}: ${day.reason}`,
      });
    }
    const provisional = t.due.provisional ? '; provisional: a year without an official notice' : '';
    const detail = `end of working day ${t.terms.workingDays} after ${t.trigger!.localDate} (3.2); calendar ${t.calendar.id} ${t.calendar.version}${provisional}`;
    entries.push({ ...blank, entry: 'due', date: t.due.date, at: t.due.deadline, outstanding: t.due.outstandingAtDeadline, detail });
  }
  for (const p of t.payments) {
    entries.push({
      ...blank,
      entry: 'payment',
      date: dateOf(p.receivedAt),
      at: p.receivedAt,
      lateDay: '',
      amount: p.amount,
      runningTotal: p.cumulativePaid,
      outstanding: p.outstandingAfter,
      reference: p.reference,
      detail: p.onTime ? 'on time' : `${p.daysLate} day${p.daysLate === 1 ? '' : 's'} late`,
    });
  }
  for (const d of t.lateDays) {
    entries.push({
      ...blank,
      entry: 'late day',
      date: dateOf(d.startedAt),
      at: d.startedAt,
      lateDay: d.lateDay.toString(),
      amount: d.amount,
      runningTotal: d.customerTotal,
      detail: `5.1: ${t.terms.dailyRate} × ${t.amount} per day late`,
    });
  }
  return entries;
}
