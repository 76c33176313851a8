import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CalendarCatalog, foldContract, type PenaltyLedger, penaltyLedger } from '@app/contracts-domain';
import { type ContractRecord, type HashedReceipt, hashedReceipts, loadContractStream } from '@app/contract-store';
import type { EventStore } from '@app/event-store';
import { unknownContract } from '../contracts/get-contract.query';
import { CALENDARS } from '../core/calendars';
import { ProblemException } from '../http/problem-details';
import { EVENT_STORE } from '../store/event-store.provider';

// The penalty books as recorded: balances per party and a receipt for every ledger line. Nothing
// here reads a clock: the ledger shows what the stream holds (accrual runs append the late days).

export type ReceiptSummary = Pick<HashedReceipt, 'receiptId' | 'receiptHash' | 'kind'> & {
  party: string;
  obligationId: string;
  lateDay: number;
  startedAt: string;
  amount: string;
  partyTotal: string;
  calendarVersion: string;
};

export type LedgerResponse = PenaltyLedger & { revision: number; receipts: ReceiptSummary[] };

export class GetPenaltyLedger extends Query<LedgerResponse> {
  constructor(readonly contractId: string) {
    super();
  }
}

export class ListPenaltyReceipts extends Query<{ contractId: string; revision: number; items: HashedReceipt[] }> {
  constructor(readonly contractId: string) {
    super();
  }
}

export class GetPenaltyReceipt extends Query<HashedReceipt> {
  constructor(
    readonly contractId: string,
    readonly receiptId: string,
  ) {
    super();
  }
}

async function loadRecords(store: EventStore, contractId: string): Promise<ContractRecord[]> {
  const { records } = await loadContractStream(store, contractId);
  if (records.length === 0) throw unknownContract(contractId);
  return records;
}

const summary = (r: HashedReceipt): ReceiptSummary => ({
  receiptId: r.receiptId,
  receiptHash: r.receiptHash,
  kind: r.kind,
  party: r.party.role,
  obligationId: r.obligation.id,
  lateDay: r.lateDay.number,
  startedAt: r.lateDay.startedAt,
  amount: r.computation.amount,
  partyTotal: r.computation.partyTotal,
  calendarVersion: r.calendar.version,
});

@QueryHandler(GetPenaltyLedger)
export class GetPenaltyLedgerHandler implements IQueryHandler<GetPenaltyLedger, LedgerResponse> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ contractId }: GetPenaltyLedger): Promise<LedgerResponse> {
    const records = await loadRecords(this.store, contractId);
    const state = foldContract(records.map((r) => r.event))!;
    const receipts = hashedReceipts(records, this.calendars).map(summary);
    return { ...penaltyLedger(state), revision: records[records.length - 1].revision, receipts };
  }
}

@QueryHandler(ListPenaltyReceipts)
export class ListPenaltyReceiptsHandler implements IQueryHandler<ListPenaltyReceipts> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ contractId }: ListPenaltyReceipts) {
    const records = await loadRecords(this.store, contractId);
    return { contractId, revision: records[records.length - 1].revision, items: hashedReceipts(records, this.calendars) };
  }
}

@QueryHandler(GetPenaltyReceipt)
export class GetPenaltyReceiptHandler implements IQueryHandler<GetPenaltyReceipt, HashedReceipt> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ contractId, receiptId }: GetPenaltyReceipt): Promise<HashedReceipt> {
    const records = await loadRecords(this.store, contractId);
    // Only the stream up to the ledger line matters to its receipt: explain that prefix, not the rest.
    const end = records.findIndex((r) => r.eventId === receiptId && (r.type === 'PenaltyAccrued' || r.type === 'PenaltyAccrualReversed'));
    const receipt = end < 0 ? undefined : hashedReceipts(records.slice(0, end + 1), this.calendars).at(-1);
    if (!receipt) throw new ProblemException(404, 'unknown-receipt', `contract ${contractId} has no ledger line ${receiptId}`);
    return receipt;
  }
}
