import { runContractCommand } from '@app/contract-store';
import { chinaCalendarCatalog, type ContractCommand, Temporal } from '@app/contracts-domain';
import { MemoryEventStore } from '@app/event-store';
import { BASICCALL_TERMS } from '../../../contracts-domain/src/testing/seed-terms';

// The seed scenario the audit specs and the worked examples use: BasicCall signed 15 Jan 2021,
// late days accrued to 28 Jan, paid that day, and one late day waived by a supplementary agreement.

export const BASICCALL_PAID_LATE_STEPS = (contractId: string): [string, ContractCommand][] => [
  ['2021-01-10T09:00:00+08:00', { type: 'DraftContract', contractId, terms: BASICCALL_TERMS() }],
  ['2021-01-15T10:00:00+08:00', { type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }],
  ['2021-01-15T15:00:00+08:00', { type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }],
  ['2021-01-28T09:00:00+08:00', { type: 'BringUpToDate', asOf: '2021-01-28T09:00:00+08:00' }],
  ['2021-01-28T10:00:00+08:00', { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-28T10:00:00+08:00', reference: 'BOB-0128' }],
  [
    '2021-02-01T10:00:00+08:00',
    { type: 'RecordPenaltySettlement', settlementId: 's-1', party: 'customer', kind: 'waiver', amount: '11.50', agreedAt: '2021-02-01T10:00:00+08:00', reference: '补充协议 2021-02' },
  ],
];

/** Runs the scenario through the one write path (sealed, hash-chained), into `store`. */
export async function basicCallPaidLate(store = new MemoryEventStore(), contractId = 'c-basiccall'): Promise<MemoryEventStore> {
  for (const [at, command] of BASICCALL_PAID_LATE_STEPS(contractId)) {
    await runContractCommand({
      store,
      contractId,
      command,
      meta: { commandId: `${command.type}-${at}`, correlationId: 'audit-example', actor: 'finance@example.cn' },
      clock: () => Temporal.Instant.from(at),
      calendars: chinaCalendarCatalog,
    });
  }
  return store;
}
