import { invalid } from '../errors';
import { InvalidMoneyError, parseAmount, parseDecimalFraction } from '../money/money';
import { QUOTAS_PER_YEAR } from '../obligations/service-periods';
import { isValidTimeZone, parseLocalDate } from '../time';
import { Temporal } from '../temporal';
import type { ContractTerms } from './contract-terms';

// The rules of the terms that a shape check at the edge cannot see. Throws the first problem,
// naming the field as the client wrote it.

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateTerms(terms: ContractTerms): void {
  money(() => parseAmount(terms.amount) > 0n, 'amount', 'the contract amount must be more than zero');
  if (!isValidTimeZone(terms.timeZone)) throw invalid('invalid-time-zone', `"${terms.timeZone}" is not an IANA time zone`, 'timeZone');
  validateSla(terms);
  const { workingDays } = terms.paymentTerms;
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 366) {
    throw invalid('invalid-terms', 'paymentTerms.workingDays must be a whole number from 1 to 366', 'paymentTerms.workingDays');
  }
  validateServiceTerm(terms);
  money(() => parseDecimalFraction(terms.penaltyPolicy.dailyRate).numerator >= 0n, 'penaltyPolicy.dailyRate', 'dailyRate must be a decimal such as "0.001"');
  money(() => parseDecimalFraction(terms.penaltyPolicy.terminationThreshold).numerator > 0n, 'penaltyPolicy.terminationThreshold', 'terminationThreshold must be a positive decimal such as "0.20"');
}

function validateSla({ sla }: ContractTerms): void {
  const window = sla.serviceWindow;
  for (const side of ['from', 'to'] as const) {
    if (!CLOCK.test(window[side] ?? '')) throw invalid('invalid-terms', `serviceWindow.${side} must be a time HH:MM`, `sla.serviceWindow.${side}`);
  }
  if (window.kind !== '7x24' && window.from! >= window.to!) {
    throw invalid('invalid-terms', 'the service window must open before it closes on the same day', 'sla.serviceWindow.to');
  }
  const hours: [string, number][] = [
    ...(sla.responseHours ? Object.entries(sla.responseHours).map(([k, v]): [string, number] => [`sla.responseHours.${k}`, v]) : []),
    ...(sla.onsiteArrivalHours ? Object.entries(sla.onsiteArrivalHours).map(([k, v]): [string, number] => [`sla.onsiteArrivalHours.${k}`, v]) : []),
  ];
  for (const [field, value] of hours) {
    if (!(Number.isFinite(value) && value > 0 && value <= 8760)) throw invalid('invalid-terms', `${field} must be a number of hours above 0`, field);
  }
  for (const field of ['remoteInspectionsPerYear', 'onsiteInspectionsPerYear', 'trainingsPerYear'] as const) {
    if (!(QUOTAS_PER_YEAR as readonly number[]).includes(sla[field])) {
      throw invalid('invalid-terms', `${field} must be one of ${QUOTAS_PER_YEAR.join(', ')} so the year splits into whole-month periods`, `sla.${field}`);
    }
  }
}

function validateServiceTerm({ serviceTerm }: ContractTerms): void {
  if ('startsOnPayment' in serviceTerm) {
    if (serviceTerm.startsOnPayment !== true || !Number.isInteger(serviceTerm.months) || serviceTerm.months < 1 || serviceTerm.months > 120) {
      throw invalid('invalid-terms', 'a term that starts on payment needs startsOnPayment: true and whole months from 1 to 120', 'serviceTerm.months');
    }
    return;
  }
  const start = parseLocalDate(serviceTerm.start, 'serviceTerm.start');
  const end = parseLocalDate(serviceTerm.end, 'serviceTerm.end');
  if (Temporal.PlainDate.compare(start, end) >= 0) throw invalid('invalid-terms', 'serviceTerm.end must be after serviceTerm.start', 'serviceTerm.end');
}

function money(check: () => boolean, field: string, message: string): void {
  let ok: boolean;
  try {
    ok = check();
  } catch (error) {
    if (!(error instanceof InvalidMoneyError)) throw error;
    throw invalid('invalid-terms', error.message, field);
  }
  if (!ok) throw invalid('invalid-terms', message, field);
}
