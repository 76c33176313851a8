import { addWorkingDays, type CalendarDay, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DEFAULT_WINDOW_CLOSES, DEFAULT_WINDOW_OPENS } from '../calendar/service-window';
import type { ContractState } from '../contract.state';
import type { Obligation } from '../obligations/obligations';
import { Temporal } from '../temporal';
import { formatInstant, instantOf, localDateOf } from '../time';
import type { DeadlineDerivation, PaymentDerivation, ReceiptCalendarDay } from './receipt-types';

// How an obligation's deadline was computed, spelled out for the reader: the same inputs
// deriveObligations used (obligations.ts), shown instead of applied.

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function deadlineDerivation(state: ContractState, obligation: Obligation, calendar: WorkingDayCalendar): DeadlineDerivation | null {
  const zone = state.terms.timeZone;
  const sla = state.terms.sla;
  const fault = obligation.faultId ? state.faults.get(obligation.faultId) : undefined;
  switch (obligation.kind) {
    case 'payment':
      return paymentDerivation(state, calendar);
    case 'fault-response': {
      if (!fault || !sla.responseHours) return null;
      const window = sla.serviceWindow;
      const hours = sla.responseHours[fault.priority];
      const from = window.kind === '7x24' ? '00:00' : (window.from ?? DEFAULT_WINDOW_OPENS);
      const to = window.kind === '7x24' ? '24:00' : (window.to ?? DEFAULT_WINDOW_CLOSES);
      const days = window.kind === '5x8' ? `working days of calendar ${calendar.version}` : 'every day';
      return {
        kind: 'fault-response',
        faultId: fault.faultId,
        reportedAt: fault.reportedAt,
        priority: fault.priority,
        responseHours: hours,
        serviceWindow: { kind: window.kind, from, to },
        rule: `2.1: respond within ${hours} h for ${fault.priority}, counting only service-window time (${window.kind}: ${days}, ${from}–${to}) from the report`,
      };
    }
    case 'onsite-arrival': {
      if (!fault?.onsiteRequestedAt || !sla.onsiteArrivalHours) return null;
      const hours = state.terms.site === 'local' ? sla.onsiteArrivalHours.local : sla.onsiteArrivalHours.outOfTown;
      return {
        kind: 'onsite-arrival',
        faultId: fault.faultId,
        requestedAt: fault.onsiteRequestedAt,
        site: state.terms.site,
        hours,
        rule: `arrive on site within ${hours} h (elapsed time, ${state.terms.site}) of the request`,
      };
    }
    case 'inspection':
    case 'training': {
      if (!obligation.period) return null;
      const perYear = obligation.kind === 'training' ? sla.trainingsPerYear : obligation.inspectionKind === 'onsite' ? sla.onsiteInspectionsPerYear : sla.remoteInspectionsPerYear;
      const end = obligation.period.endExclusive.subtract({ days: 1 }).toString();
      const what = obligation.kind === 'training' ? 'training' : `${obligation.inspectionKind} inspection`;
      const deadline = formatInstant(obligation.period.endExclusive.toZonedDateTime({ timeZone: zone }).toInstant(), zone);
      return {
        kind: obligation.kind,
        ...(obligation.inspectionKind ? { inspectionKind: obligation.inspectionKind } : {}),
        period: { start: obligation.period.start.toString(), end },
        perYear,
        rule: `${perYear} ${what}(s) a year: one in each period of the service term; due by the period's end (${deadline})`,
      };
    }
  }
}

function paymentDerivation(state: ContractState, calendar: WorkingDayCalendar): PaymentDerivation | null {
  const zone = state.terms.timeZone;
  const { trigger: kind, workingDays } = state.terms.paymentTerms;
  const trigger = kind === 'signing' ? signingTrigger(state) : invoiceTrigger(state);
  if (!trigger) return null;
  const localDate = localDateOf(instantOf(trigger.at), zone);
  const sum = addWorkingDays(calendar, localDate, workingDays);
  const what = kind === 'signing' ? 'the contract took effect (both signatures, 6.2)' : 'the invoice was received';
  return {
    kind: 'payment',
    trigger: { kind, at: trigger.at, localDate: localDate.toString(), eventId: null, ...(trigger.invoiceNo ? { invoiceNo: trigger.invoiceNo } : {}) },
    workingDays,
    counted: sum.counted.map(describeDay),
    skipped: sum.skipped.map(describeDay),
    rule:
      `3.2: pay within ${workingDays} working days after ${what} on ${localDate.toString()}; the trigger day never counts; ` +
      `due by the end of ${sum.date.toString()} in ${zone}, calendar ${calendar.id} version ${calendar.version}`,
  };
}

function signingTrigger(state: ContractState): { at: string; invoiceNo?: string } | undefined {
  return state.effectiveAt ? { at: state.effectiveAt } : undefined;
}

/** The first invoice receipt, as paymentTrigger in obligations.ts picks it. */
function invoiceTrigger(state: ContractState): { at: string; invoiceNo?: string } | undefined {
  const received = [...state.invoices].flatMap(([invoiceNo, i]) => (i.receivedAt ? [{ at: i.receivedAt, invoiceNo }] : []));
  return received.sort((a, b) => Temporal.Instant.compare(instantOf(a.at), instantOf(b.at)))[0];
}

export function describeDay(day: CalendarDay): ReceiptCalendarDay {
  const date = Temporal.PlainDate.from(day.date);
  return {
    date: day.date,
    weekday: WEEKDAYS[date.dayOfWeek - 1],
    kind: day.kind,
    ...(day.holiday ? { holiday: day.holiday } : {}),
    provisional: day.provisional,
    why: whyOf(day),
  };
}

function whyOf(day: CalendarDay): string {
  const assumed = day.provisional ? ' (no official data for the year: Monday–Friday assumed)' : '';
  switch (day.kind) {
    case 'weekend':
      return `weekend${assumed}`;
    case 'holiday':
      return `public holiday ${day.holiday}`;
    case 'adjusted-working-day':
      return `weekend day worked instead (调休) for ${day.holiday}`;
    case 'working-day':
      return `working day${assumed}`;
  }
}
