import { buildCalendarCatalog, type CalendarCatalog, calendarOf, chinaCalendarCatalog } from '../calendar/calendar-catalog';
import { buildWorkingDayCalendar, chinaWorkingDayCalendar } from '../calendar/working-day-calendar';
import type { ContractCommand } from '../contract.commands';
import { decide } from '../contract.decide';
import type { ContractEvent } from '../contract.events';
import { contractStatus, foldContract } from '../contract.state';
import { DomainError } from '../errors';
import { formatAmount } from '../money/money';
import { deriveObligations } from '../obligations/obligations';
import { explainPenalties } from '../penalties/receipts';
import { penaltyBalance } from '../penalties/penalty-balances';
import { Temporal } from '../temporal';
import { BASICCALL_TERMS } from '../testing/seed-terms';
import { Scenario, typesOf } from '../testing/given-when-then';

// Settlements (6.1; Civil Code art. 585) and calendar adoption, on the BasicCall contract (seed 001):
// ¥23,000 unpaid after signing on Friday 2021-01-15, due 2021-01-22, ¥23.00 a late day (5.1).

function unpaidBasicCall(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  return s;
}

const settle = (kind: 'waiver' | 'reduction' | 'payment', amount: string, agreedAt: string, settlementId = `S-${kind}-${amount}`): ContractCommand => ({
  type: 'RecordPenaltySettlement',
  settlementId,
  party: 'customer',
  kind,
  amount,
  agreedAt,
  reference: '补充协议 2021-02',
});

const balance = (s: Scenario) => {
  const b = penaltyBalance(s.stateOrFail(), 'customer');
  return { accrued: formatAmount(b.accrued), waived: formatAmount(b.waived), settled: formatAmount(b.settled), outstanding: formatAmount(b.outstanding) };
};

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('RecordPenaltySettlement (6.1, art. 585)', () => {
  it('given ¥230.00 accrued by 2021-02-01, when the parties agree to waive ¥100.00, then ¥130.00 is outstanding and ¥230.00 still accrued', () => {
    const s = unpaidBasicCall();
    const decided = s.when(settle('waiver', '100.00', '2021-02-01T09:00:00+08:00'), '2021-02-01T09:00:00+08:00');
    expect(typesOf(decided)).toEqual([...Array(10).fill('PenaltyAccrued'), 'PenaltySettlementRecorded']);
    expect(decided[10].data).toEqual({
      settlementId: 'S-waiver-100.00',
      party: 'customer',
      kind: 'waiver',
      amount: '100.00',
      agreedAt: '2021-02-01T09:00:00+08:00',
      reference: '补充协议 2021-02',
    });
    expect(balance(s)).toEqual({ accrued: '230.00', waived: '100.00', settled: '0.00', outstanding: '130.00' });
  });

  it('given a reduction of ¥30.00, when the customer pays the remaining ¥200.00, then nothing is outstanding and the accrual is untouched', () => {
    const s = unpaidBasicCall();
    s.when(settle('reduction', '30.00', '2021-02-01T09:00:00+08:00'), '2021-02-01T09:00:00+08:00');
    s.when(settle('payment', '200.00', '2021-02-01T10:00:00+08:00'), '2021-02-01T10:00:00+08:00');
    expect(balance(s)).toEqual({ accrued: '230.00', waived: '30.00', settled: '200.00', outstanding: '0.00' });
  });

  it('refuses a settlement above what is outstanding, naming the amount, and records nothing', () => {
    const s = unpaidBasicCall();
    s.when(settle('waiver', '200.00', '2021-02-01T09:00:00+08:00'), '2021-02-01T09:00:00+08:00');
    const before = s.events.length;
    const error = refusal(() => s.when(settle('payment', '30.01', '2021-02-01T09:00:00+08:00'), '2021-02-01T09:00:00+08:00'));
    expect(error).toMatchObject({ kind: 'conflict', code: 'exceeds-outstanding', field: 'amount' });
    expect(error.message).toContain('owes 30.00');
    expect(s.events).toHaveLength(before);
  });

  it('refuses an amount that is not a positive decimal, naming the field', () => {
    const s = unpaidBasicCall();
    for (const amount of ['0', '-5.00', '1.234', '1e3']) {
      expect(refusal(() => s.when(settle('waiver', amount, '2021-02-01T09:00:00+08:00'), '2021-02-01T09:00:00+08:00'))).toMatchObject({ kind: 'invalid', field: 'amount' });
    }
  });

  it('given the contract terminated at ¥4,623.00 (5.1), when the parties settle afterwards, then it is accepted and changes neither the accrual nor the termination', () => {
    const s = unpaidBasicCall();
    s.when({ type: 'BringUpToDate', asOf: '2021-09-30T00:00:00+08:00' }, '2021-09-30T00:00:00+08:00');
    const termination = s.stateOrFail().termination;
    expect(termination).toMatchObject({ by: 'penalty-threshold', at: '2021-08-11T00:00:00+08:00' });
    const decided = s.when(settle('reduction', '2311.50', '2021-10-08T10:00:00+08:00'), '2021-10-08T10:00:00+08:00');
    s.when(settle('payment', '2311.50', '2021-10-09T10:00:00+08:00'), '2021-10-09T10:00:00+08:00');
    expect(typesOf(decided)).toEqual(['PenaltySettlementRecorded']);
    expect(balance(s)).toEqual({ accrued: '4623.00', waived: '2311.50', settled: '2311.50', outstanding: '0.00' });
    expect(s.stateOrFail().termination).toEqual(termination);
    expect(contractStatus(s.stateOrFail())).toBe('terminated');
  });

  it('refuses the same settlement id twice', () => {
    const s = unpaidBasicCall();
    s.when(settle('waiver', '10.00', '2021-02-01T09:00:00+08:00', 'S-1'), '2021-02-01T09:00:00+08:00');
    expect(refusal(() => s.when(settle('waiver', '10.00', '2021-02-01T09:00:00+08:00', 'S-1'), '2021-02-01T09:00:00+08:00'))).toMatchObject({
      kind: 'conflict',
      field: 'settlementId',
    });
  });
});

describe('AdoptCalendarVersion', () => {
  // A second release of the calendar in which Tuesday 2021-01-19 is a day off (a made-up correction):
  // the BasicCall payment, counted from Friday 2021-01-15, is then due Monday 2021-01-25, not 01-22.
  const first = chinaWorkingDayCalendar;
  const corrected = buildWorkingDayCalendar(
    first.id,
    first.years.map((y) =>
      y.year === 2021 ? { ...y, version: 2, holidays: [...y.holidays, { name: '测试休息日', nameEn: 'Test day off', dates: ['2021-01-19'] }] } : y,
    ),
    '2020-2026.1',
  );
  const both = buildCalendarCatalog([first, corrected]);

  /** Runs commands against a given catalog, as the service would with that build's calendars. */
  function run(events: ContractEvent[], command: ContractCommand, now: string, calendars: CalendarCatalog): ContractEvent[] {
    const decided = decide(command, foldContract(events), { now: Temporal.Instant.from(now), calendars });
    events.push(...decided);
    return decided;
  }

  function pinnedToFirst(): ContractEvent[] {
    const events = [...unpaidBasicCall().events];
    expect(events[0]).toMatchObject({ data: { calendarVersion: '2020-2026' } });
    return events;
  }

  const dueDate = (events: ContractEvent[], calendars: CalendarCatalog) => {
    const state = foldContract(events)!;
    return deriveObligations(state, calendarOf(calendars, state.calendarVersion)).find((o) => o.kind === 'payment')!.dueDate?.toString();
  };

  it('given a contract pinned to the first version, when a newer version is released, then replay keeps its deadline and its ledger', () => {
    const events = pinnedToFirst();
    run(events, { type: 'BringUpToDate', asOf: '2021-02-01T00:00:00+08:00' }, '2021-02-01T00:00:00+08:00', chinaCalendarCatalog);
    expect(dueDate(events, both)).toBe('2021-01-22');
    expect(run(events, { type: 'BringUpToDate', asOf: '2021-02-01T00:00:00+08:00' }, '2021-02-01T00:00:00+08:00', both)).toEqual([]);
    expect(foldContract(events)!.penaltyTotals.customer).toBe(23_000n);
  });

  it('when the contract adopts the new version, then the adoption and every recomputed ledger line are recorded as events', () => {
    const events = pinnedToFirst();
    run(events, { type: 'BringUpToDate', asOf: '2021-02-01T00:00:00+08:00' }, '2021-02-01T00:00:00+08:00', chinaCalendarCatalog);
    const decided = run(events, { type: 'AdoptCalendarVersion', version: '2020-2026.1', reason: '2021 file corrected' }, '2021-02-01T00:00:00+08:00', both);
    expect(decided[0]).toEqual({
      type: 'CalendarVersionAdopted',
      data: { version: '2020-2026.1', previousVersion: '2020-2026', adoptedAt: '2021-02-01T00:00:00+08:00', reason: '2021 file corrected' },
    });
    expect(typesOf(decided.slice(1))).toEqual([...Array(10).fill('PenaltyAccrualReversed'), ...Array(7).fill('PenaltyAccrued')]);
    expect(dueDate(events, both)).toBe('2021-01-25');
    expect(foldContract(events)!.penaltyTotals.customer).toBe(16_100n);
    const receipts = explainPenalties(events.map((event, revision) => ({ eventId: `ev-${revision}`, revision, event })), both);
    const newest = receipts[receipts.length - 1];
    expect(newest).toMatchObject({ calendar: { version: '2020-2026.1' }, obligation: { dueDate: '2021-01-25' }, lateDay: { number: 7 } });
    expect(newest.derivedFrom.map((d) => d.type)).toContain('CalendarVersionAdopted');
    expect(receipts[0]).toMatchObject({ calendar: { version: '2020-2026' }, obligation: { dueDate: '2021-01-22' } });
  });

  it('refuses a version this build does not know, naming the field "version", and records nothing', () => {
    const events = pinnedToFirst();
    const before = events.length;
    const error = refusal(() => run(events, { type: 'AdoptCalendarVersion', version: '2031', reason: 'x' }, '2021-02-01T00:00:00+08:00', both));
    expect(error).toMatchObject({ kind: 'invalid', code: 'unknown-calendar-version', field: 'version' });
    expect(events).toHaveLength(before);
  });

  it('refuses adopting the version already in use', () => {
    const events = pinnedToFirst();
    expect(refusal(() => run(events, { type: 'AdoptCalendarVersion', version: '2020-2026', reason: 'x' }, '2021-02-01T00:00:00+08:00', both))).toMatchObject({
      kind: 'conflict',
      field: 'version',
    });
  });
});
