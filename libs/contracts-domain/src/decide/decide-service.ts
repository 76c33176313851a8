import { type ContractCommand, REMOTE_INSPECTION_CHECKLIST } from '../contract.commands';
import type { ContractEvent } from '../contract.events';
import type { ContractState, FaultState } from '../contract.state';
import { conflict, invalid, notFound } from '../errors';
import { businessTime, type DecideContext, notBefore, requireServiceRunning, requireText } from './decide-context';

// Service delivery: faults and their clocks (2.1), inspections (2.4) and trainings (2.5).

type Of<T extends ContractCommand['type']> = Extract<ContractCommand, { type: T }>;

export function reportFault(cmd: Of<'ReportFault'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  if (state.faults.has(cmd.faultId)) throw conflict('duplicate-fault', `fault ${cmd.faultId} already exists`, 'faultId');
  const reportedAt = businessTime(cmd.reportedAt, 'reportedAt', state.terms.timeZone, ctx);
  requireServiceRunning(state, reportedAt.instant, 'reportedAt', 'report a fault');
  const description = requireText(cmd.description, 'description');
  return [{ type: 'FaultReported', data: { faultId: cmd.faultId, priority: cmd.priority, reportedAt: reportedAt.text, description } }];
}

export function changePriority(cmd: Of<'ChangeFaultPriority'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const fault = openFault(state, cmd.faultId, 'change its priority');
  if (fault.priority === cmd.priority) throw conflict('priority-unchanged', `fault ${cmd.faultId} already has priority ${cmd.priority}`, 'priority');
  const agreedAt = businessTime(cmd.agreedAt, 'agreedAt', state.terms.timeZone, ctx);
  notBefore(agreedAt.instant, fault.reportedAt, 'agreedAt', 'the fault was reported');
  return [{ type: 'FaultPriorityChanged', data: { faultId: cmd.faultId, priority: cmd.priority, agreedAt: agreedAt.text } }];
}

export function respond(cmd: Of<'RecordFaultResponse'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const fault = openFault(state, cmd.faultId, 'record a response');
  if (fault.respondedAt) throw conflict('already-responded', `fault ${cmd.faultId} was already responded to at ${fault.respondedAt}`);
  const respondedAt = businessTime(cmd.respondedAt, 'respondedAt', state.terms.timeZone, ctx);
  notBefore(respondedAt.instant, fault.reportedAt, 'respondedAt', 'the fault was reported');
  return [{ type: 'FaultRespondedTo', data: { faultId: cmd.faultId, respondedAt: respondedAt.text } }];
}

export function requestOnsite(cmd: Of<'RequestOnsiteVisit'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const fault = openFault(state, cmd.faultId, 'request an on-site visit');
  if (!state.terms.sla.onsiteArrivalHours) throw conflict('no-onsite-service', 'this contract\'s service level includes no on-site service (section 1: 现场服务 无)');
  if (fault.onsiteRequestedAt) throw conflict('already-requested', `an on-site visit for fault ${cmd.faultId} was already requested at ${fault.onsiteRequestedAt}`);
  const requestedAt = businessTime(cmd.requestedAt, 'requestedAt', state.terms.timeZone, ctx);
  notBefore(requestedAt.instant, fault.reportedAt, 'requestedAt', 'the fault was reported');
  return [{ type: 'OnsiteVisitRequested', data: { faultId: cmd.faultId, requestedAt: requestedAt.text } }];
}

export function arrive(cmd: Of<'RecordEngineerArrival'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const fault = faultOf(state, cmd.faultId);
  if (!fault.onsiteRequestedAt) throw conflict('no-onsite-request', `no on-site visit was requested for fault ${cmd.faultId}`);
  if (fault.arrivedAt) throw conflict('already-arrived', `the engineer already arrived for fault ${cmd.faultId} at ${fault.arrivedAt}`);
  const arrivedAt = businessTime(cmd.arrivedAt, 'arrivedAt', state.terms.timeZone, ctx);
  notBefore(arrivedAt.instant, fault.onsiteRequestedAt, 'arrivedAt', 'the on-site visit was requested');
  return [{ type: 'EngineerArrivedOnsite', data: { faultId: cmd.faultId, arrivedAt: arrivedAt.text } }];
}

export function resolve(cmd: Of<'ResolveFault'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const fault = openFault(state, cmd.faultId, 'resolve it');
  const resolvedAt = businessTime(cmd.resolvedAt, 'resolvedAt', state.terms.timeZone, ctx);
  notBefore(resolvedAt.instant, fault.reportedAt, 'resolvedAt', 'the fault was reported');
  const summary = requireText(cmd.summary, 'summary');
  return [{ type: 'FaultResolved', data: { faultId: cmd.faultId, resolvedAt: resolvedAt.text, summary } }];
}

export function recordInspection(cmd: Of<'RecordInspection'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const performedAt = businessTime(cmd.performedAt, 'performedAt', state.terms.timeZone, ctx);
  // An inspection can be made up after its period, even after the term, so only activation bounds it.
  if (!state.service) throw conflict('service-not-active', 'cannot record an inspection: service starts once the vendor has received full payment (3.2)');
  notBefore(performedAt.instant, state.service.activatedAt, 'performedAt', 'the service was activated');
  if (!Array.isArray(cmd.checklist) || cmd.checklist.some((item) => typeof item !== 'string')) {
    throw invalid('invalid-checklist', 'checklist must be a list of the items inspected', 'checklist');
  }
  if (cmd.kind === 'remote') {
    const missing = REMOTE_INSPECTION_CHECKLIST.filter((item) => !cmd.checklist.includes(item));
    if (missing.length) throw invalid('incomplete-checklist', `a remote inspection covers every item of 2.4; missing: ${missing.join(', ')}`, 'checklist');
  }
  const report = requireText(cmd.report, 'report', 100_000);
  return [{ type: 'InspectionPerformed', data: { kind: cmd.kind, performedAt: performedAt.text, checklist: [...cmd.checklist], report } }];
}

export function recordRefusal(cmd: Of<'RecordInspectionRefusal'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const refusedAt = businessTime(cmd.refusedAt, 'refusedAt', state.terms.timeZone, ctx);
  requireServiceRunning(state, refusedAt.instant, 'refusedAt', 'record a declined inspection');
  const reason = requireText(cmd.reason, 'reason', 2_000);
  return [{ type: 'InspectionDeclinedByCustomer', data: { kind: cmd.kind, refusedAt: refusedAt.text, reason } }];
}

export function recordTraining(cmd: Of<'RecordTraining'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const deliveredAt = businessTime(cmd.deliveredAt, 'deliveredAt', state.terms.timeZone, ctx);
  if (!state.service) throw conflict('service-not-active', 'cannot record a training: service starts once the vendor has received full payment (3.2)');
  notBefore(deliveredAt.instant, state.service.activatedAt, 'deliveredAt', 'the service was activated');
  const topic = requireText(cmd.topic, 'topic', 500);
  return [{ type: 'TrainingDelivered', data: { deliveredAt: deliveredAt.text, topic } }];
}

function faultOf(state: ContractState, faultId: string): FaultState {
  const fault = state.faults.get(faultId);
  if (!fault) throw notFound('unknown-fault', `no fault ${faultId} under this contract`, 'faultId');
  return fault;
}

function openFault(state: ContractState, faultId: string, doing: string): FaultState {
  const fault = faultOf(state, faultId);
  if (fault.resolvedAt) throw conflict('fault-resolved', `cannot ${doing}: fault ${faultId} was resolved at ${fault.resolvedAt}`);
  return fault;
}
