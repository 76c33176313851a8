import type { ContractCommand } from '@app/contracts-domain';
import { addDays, at, BENCH_NOW, NEXT_NIGHT, nightsBetween, PREVIOUS_NIGHT } from './bench-calendar';
import { ContractStory, type StoryEvent } from './contract-story';
import { type SeedName, seedTerms } from './seed-terms';

// The shapes a generated contract can take. Each shape's history is decided once (the decider is
// the expensive part) and then stamped out per contract with its own ids (contract-instances.ts).
//
// - active: signed, invoiced where the seed says so, paid in full, service activated, its faults
//   answered in time (ITiMe's with an on-site visit), every inspection quota met;
//   optionally one fault answered three days late, accrued night by night (daily accruals).
// - overdue: active, plus one P1 fault reported on 10-12 and never answered: accrued on the nights
//   of 10-13 and 10-14, so the benchmark's run at BENCH_NOW owes exactly one new late day.
// - overdue-next-night: active, plus one P1 fault reported at 00:10 on 10-15 and never answered:
//   nothing is owed at BENCH_NOW (its deadline is still ahead), its first late day at NEXT_NIGHT.
//   It lets one portfolio serve both large accrual runs (1k overdue at BENCH_NOW, 10k at NEXT_NIGHT).
// - awaiting-payment: ITiMe signed and invoiced on 10-11/10-12, payment due after BENCH_NOW.
// Every shape is checked when built: accruals at BENCH_NOW and then NEXT_NIGHT append late days
// exactly where the shape promises them, and nothing else.

export type ContractKind = 'active' | 'overdue' | 'overdue-next-night' | 'awaiting-payment';

export interface TemplateSpec {
  seed: SeedName;
  kind: ContractKind;
  /** Faults reported and answered in time over the year so far. */
  faults: number;
  /** One historical fault answered three days late, with its nightly accruals. */
  lateFault: boolean;
}

export interface ContractTemplate {
  spec: TemplateSpec;
  /** The contract id the decider was given; replaced per contract. */
  contractId: string;
  events: StoryEvent[];
  commands: number;
}

export const TEMPLATE_CONTRACT_ID = '00000000-0000-4000-8000-000000000000';

interface Step {
  at: string;
  command: ContractCommand;
}

export function templateKey(spec: TemplateSpec): string {
  return `${spec.seed}/${spec.kind}/${spec.faults}/${spec.lateFault ? 'late' : 'on-time'}`;
}

const built = new Map<string, ContractTemplate>();

/** The history of `spec`, decided once per process. */
export function contractTemplate(spec: TemplateSpec): ContractTemplate {
  const key = templateKey(spec);
  let template = built.get(key);
  if (!template) {
    template = buildTemplate(spec);
    built.set(key, template);
  }
  return template;
}

function buildTemplate(spec: TemplateSpec): ContractTemplate {
  const steps = spec.kind === 'awaiting-payment' ? awaitingPaymentSteps(spec.seed) : activeSteps(spec);
  steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)); // stable: same-time steps keep their order
  const story = new ContractStory();
  for (const step of steps) story.run(step.command, step.at);
  checkShape(spec, story);
  return { spec, contractId: TEMPLATE_CONTRACT_ID, events: story.events, commands: story.commandCount };
}

function checkShape(spec: TemplateSpec, story: ContractStory): void {
  const owes: Record<ContractKind, [boolean, boolean]> = {
    active: [false, false],
    'awaiting-payment': [false, false],
    overdue: [true, true],
    'overdue-next-night': [false, true],
  };
  const nights = [BENCH_NOW, NEXT_NIGHT];
  story.accrualsAt(nights).forEach((due, i) => {
    const overdue = due.some((e) => e.type === 'PenaltyAccrued');
    if (overdue !== owes[spec.kind][i] || due.some((e) => e.type !== 'PenaltyAccrued')) {
      throw new Error(`template ${templateKey(spec)}: an accrual at ${nights[i]} would append [${due.map((e) => e.type).join(', ')}]`);
    }
  });
}

const FAULT_TEXT = ['呼叫中心坐席无法登录', '录音文件无法回放', '报表导出失败', '语音网关注册异常', '话务统计数据缺失', '系统响应缓慢'];

function draftSteps(seed: SeedName, draftedOn: string): Step[] {
  const terms = seedTerms(seed);
  return [{ at: at(draftedOn, '09:00'), command: { type: 'DraftContract', contractId: TEMPLATE_CONTRACT_ID, terms } }];
}

function signSteps(seed: SeedName, signedOn: string): Step[] {
  const customerSignatory = seed === 'basiccall-2021' ? '张忠强' : '艾特永益代表';
  const vendorSignatory = seed === 'basiccall-2021' ? '信普飞科代表' : '创联致信代表';
  return [
    { at: at(signedOn, '10:00'), command: { type: 'SignContract', party: 'customer', signatory: customerSignatory, signedAt: at(signedOn, '10:00') } },
    { at: at(signedOn, '15:00'), command: { type: 'SignContract', party: 'vendor', signatory: vendorSignatory, signedAt: at(signedOn, '15:00') } },
  ];
}

function invoiceSteps(issuedOn: string, receivedOn: string, amount: string): Step[] {
  return [
    { at: at(issuedOn, '09:00'), command: { type: 'IssueInvoice', invoiceNo: 'FP-2021-0001', amount, issuedAt: at(issuedOn, '09:00') } },
    { at: at(receivedOn, '10:00'), command: { type: 'ReceiveInvoice', invoiceNo: 'FP-2021-0001', receivedAt: at(receivedOn, '10:00') } },
  ];
}

function awaitingPaymentSteps(seed: SeedName): Step[] {
  if (seed !== 'itime-2023') throw new Error('awaiting-payment contracts follow the ITiMe seed (payment due after the invoice is received)');
  return [...draftSteps(seed, '2021-10-06'), ...signSteps(seed, '2021-10-08'), ...invoiceSteps('2021-10-11', '2021-10-12', '20000.00')];
}

function activeSteps(spec: TemplateSpec): Step[] {
  const iTime = spec.seed === 'itime-2023';
  const steps: Step[] = iTime
    ? [...draftSteps(spec.seed, '2021-01-05'), ...signSteps(spec.seed, '2021-01-08'), ...invoiceSteps('2021-01-11', '2021-01-12', '20000.00')]
    : [...draftSteps(spec.seed, '2021-01-10'), ...signSteps(spec.seed, '2021-01-15')];
  const paidAt = iTime ? at('2021-01-18', '14:00') : at('2021-01-20', '10:00');
  const amount = iTime ? '20000.00' : '23000.00';
  steps.push({ at: paidAt, command: { type: 'RecordPayment', amount, receivedAt: paidAt, reference: iTime ? 'CCB-0118' : 'BOB-0120' } });
  steps.push(...inspectionSteps(iTime));
  for (let i = 0; i < spec.faults; i++) {
    // Spread over 2021-01-25 … 2021-10-08; several a day once there are more than days.
    const day = addDays('2021-01-25', Math.floor((i * 256) / Math.max(spec.faults, 1)));
    steps.push(...faultSteps(`F${String(i + 1).padStart(4, '0')}`, day, i, iTime));
  }
  if (spec.lateFault) steps.push(...lateFaultSteps());
  if (spec.kind === 'overdue') steps.push(...overdueFaultSteps());
  steps.push({ at: PREVIOUS_NIGHT, command: { type: 'BringUpToDate', asOf: PREVIOUS_NIGHT } });
  if (spec.kind === 'overdue-next-night') steps.push(...nextNightFaultSteps());
  return steps;
}

/** Enough inspections to meet both seeds' quotas for every period that ended before BENCH_NOW. */
function inspectionSteps(iTime: boolean): Step[] {
  const remote = iTime ? ['2021-01-28', '2021-04-28', '2021-07-28'] : ['2021-02-10', '2021-07-30'];
  const onsite = iTime ? ['2021-02-15', '2021-07-25'] : [];
  const checklist = ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'];
  return [
    ...remote.map((day): Step => ({ at: at(day, '16:00'), command: { type: 'RecordInspection', kind: 'remote', performedAt: at(day, '15:00'), checklist, report: '告警日志无异常，系统运行正常' } })),
    ...onsite.map((day): Step => ({ at: at(day, '17:00'), command: { type: 'RecordInspection', kind: 'onsite', performedAt: at(day, '14:00'), checklist: ['hardware', 'backups', 'system-status'], report: '现场巡检完成，无异常' } })),
  ];
}

/** A fault answered in time (both seeds answer within the hour), resolved the next afternoon. */
function faultSteps(faultId: string, day: string, index: number, iTime: boolean): Step[] {
  const hour = String(10 + (index % 6)).padStart(2, '0');
  const reportedAt = at(day, `${hour}:05`);
  const respondedAt = at(day, `${hour}:35`);
  const steps: Step[] = [
    { at: reportedAt, command: { type: 'ReportFault', faultId, priority: index % 3 === 0 ? 'P1' : 'P2', reportedAt, description: FAULT_TEXT[index % FAULT_TEXT.length] } },
    { at: respondedAt, command: { type: 'RecordFaultResponse', faultId, respondedAt } },
  ];
  if (iTime && index % 2 === 0) {
    const requestedAt = at(day, `${hour}:45`);
    const arrivedAt = at(day, `${String(11 + (index % 6)).padStart(2, '0')}:30`);
    steps.push({ at: requestedAt, command: { type: 'RequestOnsiteVisit', faultId, requestedAt } });
    steps.push({ at: arrivedAt, command: { type: 'RecordEngineerArrival', faultId, arrivedAt } });
  }
  const resolvedAt = at(addDays(day, 1), '16:00');
  steps.push({ at: resolvedAt, command: { type: 'ResolveFault', faultId, resolvedAt, summary: '已定位原因并修复，客户确认恢复' } });
  return steps;
}

/** Answered three days late; the nightly runs in between accrue one late day each. */
function lateFaultSteps(): Step[] {
  const reportedAt = at('2021-06-07', '10:00');
  const respondedAt = at('2021-06-10', '11:00');
  return [
    { at: reportedAt, command: { type: 'ReportFault', faultId: 'L0001', priority: 'P2', reportedAt, description: '数据库连接池耗尽' } },
    ...nightsBetween(reportedAt, respondedAt).map((night): Step => ({ at: night, command: { type: 'BringUpToDate', asOf: night } })),
    { at: respondedAt, command: { type: 'RecordFaultResponse', faultId: 'L0001', respondedAt } },
    { at: at('2021-06-11', '16:00'), command: { type: 'ResolveFault', faultId: 'L0001', resolvedAt: at('2021-06-11', '16:00'), summary: '扩容连接池并重启服务' } },
  ];
}

/** Still unanswered at BENCH_NOW: the overdue obligation the accrual scenario is about. */
function overdueFaultSteps(): Step[] {
  const reportedAt = at('2021-10-12', '10:00');
  return [
    { at: reportedAt, command: { type: 'ReportFault', faultId: 'OPEN-1', priority: 'P1', reportedAt, description: '核心服务宕机' } },
    ...nightsBetween(reportedAt, PREVIOUS_NIGHT).filter((n) => n !== PREVIOUS_NIGHT).map((night): Step => ({ at: night, command: { type: 'BringUpToDate', asOf: night } })),
  ];
}

/** Reported after the previous night's run, due after BENCH_NOW: overdue from the next night on. */
function nextNightFaultSteps(): Step[] {
  const reportedAt = at('2021-10-15', '00:10');
  return [{ at: reportedAt, command: { type: 'ReportFault', faultId: 'OPEN-2', priority: 'P1', reportedAt, description: '话务平台全部中断' } }];
}
