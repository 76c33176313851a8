import type { ContractCommand } from './contract.commands';
import { type ContractEvent, occurredAtOf } from './contract.events';
import { type ContractState, evolve } from './contract.state';
import { conflict, invalid, notFound } from './errors';
import { bringUpToDate } from './penalties/accrual';
import { Temporal } from './temporal';
import { formatInstant, isAfter, parseInstant } from './time';
import { validateTerms } from './terms/validate-terms';
import { type DecideContext } from './decide/decide-context';
import * as commercial from './decide/decide-commercial';
import * as penalties from './decide/decide-penalties';
import * as service from './decide/decide-service';
import { calendarOf } from './calendar/calendar-catalog';
import { erasePartyData } from './decide/decide-erasure';

export type { DecideContext } from './decide/decide-context';

/**
 * decide(command, state) → the events to append, or a DomainError. Every accepted command also
 * brings the ledger up to the server clock in the same append, so a fact recorded late (a payment
 * received last week) reverses the late days it cured at once: the totals end as if it had been
 * recorded on time.
 */
export function decide(command: ContractCommand, state: ContractState | undefined, ctx: DecideContext): ContractEvent[] {
  if (command.type === 'DraftContract') return draft(command, state, ctx);
  if (!state) throw notFound('unknown-contract', 'no such contract');
  if (command.type === 'BringUpToDate') return upToDate(command.asOf, state, ctx);
  if (command.type === 'TerminateByAgreement' && (state.termination || state.expiredAt)) {
    throw conflict('already-ended', `the contract already ended at ${state.termination?.at ?? state.expiredAt}`);
  }
  if (command.type === 'RecordPenaltySettlement') return settle(command, state, ctx);
  if (command.type === 'ErasePartyData') return [erasePartyData(command, state, ctx)];
  const events = handle(command, state, ctx);
  const next = evolve(state, events)!;
  // The calendar the contract uses after these events (AdoptCalendarVersion changes it).
  const upkeep = bringUpToDate(next, ctx.now, calendarOf(ctx.calendars, next.calendarVersion));
  // 5.1 "即告终止": nothing that happens at or after the end is accepted. A fact from before it,
  // recorded late, is; if it shows the threshold was not crossed then, the upkeep revokes the end.
  // Adopting a calendar is a recomputation, not a fact of the contract's life: it is always allowed.
  const ended = command.type === 'TerminateByAgreement' || command.type === 'AdoptCalendarVersion' ? undefined : evolve(state, [...events, ...upkeep])!.termination;
  if (ended && !isAfter(Temporal.Instant.from(ended.at), Temporal.Instant.from(occurredAtOf(events[0])))) {
    throw conflict('terminated', `the contract ended at ${ended.at} (${ended.reason}); it accepts nothing that happens after that`);
  }
  return [...events, ...upkeep];
}

function draft(command: Extract<ContractCommand, { type: 'DraftContract' }>, state: ContractState | undefined, ctx: DecideContext) {
  if (state) throw conflict('already-exists', `contract ${command.contractId} already exists`);
  validateTerms(command.terms);
  const draftedAt = formatInstant(ctx.now, command.terms.timeZone);
  const calendarVersion = ctx.calendars.latest.version;
  return [{ type: 'ContractDrafted', data: { contractId: command.contractId, terms: command.terms, draftedAt, calendarVersion } } as ContractEvent];
}

function upToDate(asOfText: string, state: ContractState, ctx: DecideContext): ContractEvent[] {
  return bringUpToDate(state, parseAccrualAsOf(asOfText, ctx.now), calendarOf(ctx.calendars, state.calendarVersion));
}

/**
 * Settling is about the claims, not the contract's life: it is accepted after the end too (most
 * settlements follow a termination). The ledger is first brought up to now, so the amount is
 * checked against what is owed today, and those accruals are appended with it.
 */
function settle(command: Extract<ContractCommand, { type: 'RecordPenaltySettlement' }>, state: ContractState, ctx: DecideContext) {
  const upkeep = bringUpToDate(state, ctx.now, calendarOf(ctx.calendars, state.calendarVersion));
  return [...upkeep, ...penalties.recordSettlement(command, evolve(state, upkeep)!, ctx)];
}

/** An accrual's asOf: an instant, never later than the server clock (only time that has passed accrues). */
export function parseAccrualAsOf(asOfText: string, now: Temporal.Instant): Temporal.Instant {
  const asOf = parseInstant(asOfText, 'asOf');
  if (isAfter(asOf, now)) throw invalid('as-of-in-future', `asOf ${asOfText} is later than the server clock; penalties accrue only for time that has passed`, 'asOf');
  return asOf;
}

function handle(command: Exclude<ContractCommand, { type: 'DraftContract' | 'BringUpToDate' | 'RecordPenaltySettlement' | 'ErasePartyData' }>, state: ContractState, ctx: DecideContext) {
  switch (command.type) {
    case 'AdoptCalendarVersion':
      return penalties.adoptCalendar(command, state, ctx, ctx.calendars.versions);
    case 'SignContract':
      return commercial.sign(command, state, ctx);
    case 'IssueInvoice':
      return commercial.issueInvoice(command, state, ctx);
    case 'ReceiveInvoice':
      return commercial.receiveInvoice(command, state, ctx);
    case 'RecordPayment':
      return commercial.recordPayment(command, state, ctx);
    case 'TerminateByAgreement':
      return commercial.terminateByAgreement(command, state, ctx);
    case 'ReportFault':
      return service.reportFault(command, state, ctx);
    case 'ChangeFaultPriority':
      return service.changePriority(command, state, ctx);
    case 'RecordFaultResponse':
      return service.respond(command, state, ctx);
    case 'RequestOnsiteVisit':
      return service.requestOnsite(command, state, ctx);
    case 'RecordEngineerArrival':
      return service.arrive(command, state, ctx);
    case 'ResolveFault':
      return service.resolve(command, state, ctx);
    case 'RecordInspection':
      return service.recordInspection(command, state, ctx);
    case 'RecordInspectionRefusal':
      return service.recordRefusal(command, state, ctx);
    case 'RecordTraining':
      return service.recordTraining(command, state, ctx);
  }
}
