import { chinaWorkingDayCalendar } from '../calendar/working-day-calendar';
import { Temporal } from '../temporal';
import { BASICCALL_TERMS, ITIME_TERMS } from '../testing/seed-terms';
import { Scenario } from '../testing/given-when-then';
import { paymentTimeline } from './payment-timeline';

// Finance's view of 3.2 and 5.1 on both seeds: given the facts, when the timeline is asked for at
// a moment, then the due date, its day-by-day derivation, the payments and the late days.

const timelineOf = (s: Scenario, asOf: string) => paymentTimeline(s.stateOrFail(), chinaWorkingDayCalendar, Temporal.Instant.from(asOf));
const pay = (amount: string, receivedAt: string, reference: string) => ({ type: 'RecordPayment' as const, amount, receivedAt, reference });

function basicCallSignedOn(date: string): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: `${date}T10:00:00+08:00` }, `${date}T10:00:00+08:00`);
  s.when({ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: `${date}T15:00:00+08:00` }, `${date}T15:00:00+08:00`);
  return s;
}

function iTimeInvoiceReceivedOnWorkingSaturday(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'itime-2023', terms: ITIME_TERMS() }, '2023-04-28T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '艾特永益代表', signedAt: '2023-05-04T10:00:00+08:00' }, '2023-05-04T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '创联致信代表', signedAt: '2023-05-04T11:00:00+08:00' }, '2023-05-04T11:00:00+08:00');
  s.when({ type: 'IssueInvoice', invoiceNo: 'FP-001', amount: '20000.00', issuedAt: '2023-05-05T09:00:00+08:00' }, '2023-05-05T09:00:00+08:00');
  s.when({ type: 'ReceiveInvoice', invoiceNo: 'FP-001', receivedAt: '2023-05-06T10:00:00+08:00' }, '2023-05-06T10:00:00+08:00');
  return s;
}

const derivationOf = (s: Scenario, asOf: string) => timelineOf(s, asOf).due!.derivation.map((d) => [d.date, d.counted, d.workingDayNumber, d.reason]);

describe('payment timeline, BasicCall 2021 (seed 001): 5 working days from signing', () => {
  it('counts Monday to Friday after a Friday signing and skips the weekend: due 2021-01-22', () => {
    const timeline = timelineOf(basicCallSignedOn('2021-01-15'), '2021-01-18T12:00:00+08:00');
    expect(timeline.trigger).toEqual({
      fact: 'signing',
      description: 'the contract took effect: both parties signed (6.2)',
      at: '2021-01-15T15:00:00+08:00',
      localDate: '2021-01-15',
      invoiceNo: null,
    });
    expect(timeline.due).toMatchObject({ date: '2021-01-22', deadline: '2021-01-23T00:00:00+08:00', provisional: false });
    expect(derivationOf(basicCallSignedOn('2021-01-15'), '2021-01-18T12:00:00+08:00')).toEqual([
      ['2021-01-16', false, null, 'weekend (Saturday)'],
      ['2021-01-17', false, null, 'weekend (Sunday)'],
      ['2021-01-18', true, 1, 'working day'],
      ['2021-01-19', true, 2, 'working day'],
      ['2021-01-20', true, 3, 'working day'],
      ['2021-01-21', true, 4, 'working day'],
      ['2021-01-22', true, 5, 'working day'],
    ]);
    expect(timeline).toMatchObject({ status: 'open', outstanding: '23000.00', paid: '0.00', lateDays: [], penaltyTotal: '0.00' });
    expect(timeline.calendar).toEqual({ id: 'cn-state-council', version: '2020-2026' });
  });

  it('crosses the Spring Festival after a signing on 2021-02-05: the working Sunday 02-07 counts, 02-11…02-17 are skipped, due 02-18', () => {
    const s = basicCallSignedOn('2021-02-05');
    expect(derivationOf(s, '2021-02-06T00:00:00+08:00')).toEqual([
      ['2021-02-06', false, null, 'weekend (Saturday)'],
      ['2021-02-07', true, 1, '调休 adjusted working day (Sunday), worked to make up for 春节 Spring Festival'],
      ['2021-02-08', true, 2, 'working day'],
      ['2021-02-09', true, 3, 'working day'],
      ['2021-02-10', true, 4, 'working day'],
      ...['11', '12', '13', '14', '15', '16', '17'].map((d) => [`2021-02-${d}`, false, null, 'public holiday: 春节 Spring Festival']),
      ['2021-02-18', true, 5, 'working day'],
    ]);
    expect(timelineOf(s, '2021-02-06T00:00:00+08:00').due!.deadline).toBe('2021-02-19T00:00:00+08:00');
  });

  it('is overdue once the due day has ended, with each late day, its start and the running total', () => {
    const s = basicCallSignedOn('2021-01-15');
    s.when({ type: 'BringUpToDate', asOf: '2021-01-25T12:00:00+08:00' }, '2021-01-25T12:00:00+08:00');
    const timeline = timelineOf(s, '2021-01-25T12:00:00+08:00');
    expect(timeline.status).toBe('overdue');
    expect(timeline.lateDays).toEqual([
      { lateDay: 1, startedAt: '2021-01-23T00:00:00+08:00', amount: '23.00', customerTotal: '23.00' },
      { lateDay: 2, startedAt: '2021-01-24T00:00:00+08:00', amount: '23.00', customerTotal: '46.00' },
      { lateDay: 3, startedAt: '2021-01-25T00:00:00+08:00', amount: '23.00', customerTotal: '69.00' },
    ]);
    expect(timeline.penaltyTotal).toBe('69.00');
  });

  it('shows a part payment on time and the rest 3 days late, with what was owed after each: paid late, ¥69.00', () => {
    const s = basicCallSignedOn('2021-01-15');
    s.when(pay('10000.00', '2021-01-20T10:00:00+08:00', 'BOB-0120'), '2021-01-20T10:00:00+08:00');
    s.when(pay('13000.00', '2021-01-25T10:00:00+08:00', 'BOB-0125'), '2021-01-25T10:00:00+08:00');
    const timeline = timelineOf(s, '2021-02-01T00:00:00+08:00');
    expect(timeline.payments).toEqual([
      { amount: '10000.00', receivedAt: '2021-01-20T10:00:00+08:00', reference: 'BOB-0120', cumulativePaid: '10000.00', outstandingAfter: '13000.00', onTime: true, daysLate: 0 },
      { amount: '13000.00', receivedAt: '2021-01-25T10:00:00+08:00', reference: 'BOB-0125', cumulativePaid: '23000.00', outstandingAfter: '0.00', onTime: false, daysLate: 3 },
    ]);
    expect(timeline).toMatchObject({ status: 'paid-late', outstanding: '0.00', paid: '23000.00', paidInFullAt: '2021-01-25T10:00:00+08:00', penaltyTotal: '69.00' });
    expect(timeline.due!.outstandingAtDeadline).toBe('13000.00');
    expect(timeline.lateDays.map((d) => d.lateDay)).toEqual([1, 2, 3]);
  });

  it('keeps only the late days a payment recorded late did not cure: 10 days, ¥230.00', () => {
    const s = basicCallSignedOn('2021-01-15');
    s.when({ type: 'BringUpToDate', asOf: '2021-03-01T00:00:00+08:00' }, '2021-03-01T00:00:00+08:00');
    s.when(pay('23000.00', '2021-02-01T10:00:00+08:00', 'found in the bank statement'), '2021-03-01T00:00:00+08:00');
    const timeline = timelineOf(s, '2021-03-01T00:00:00+08:00');
    expect(timeline.lateDays).toHaveLength(10);
    expect(timeline.lateDays.at(-1)).toEqual({ lateDay: 10, startedAt: '2021-02-01T00:00:00+08:00', amount: '23.00', customerTotal: '230.00' });
    expect(timeline).toMatchObject({ status: 'paid-late', penaltyTotal: '230.00' });
    expect(timeline.payments[0]).toMatchObject({ onTime: false, daysLate: 10 });
  });

  it('awaits the trigger before both parties have signed', () => {
    const s = new Scenario();
    s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
    const timeline = timelineOf(s, '2021-01-12T00:00:00+08:00');
    expect(timeline).toMatchObject({ status: 'awaiting-trigger', trigger: null, due: null, contractNo: 'XPFK-BC-2021', currency: 'CNY', amount: '23000.00' });
    expect(timeline.parties).toEqual({ customer: '北京创联致信科技有限公司', vendor: '北京信普飞科科技有限公司' });
  });
});

describe('payment timeline, ITiMe 2023 (seed 000): 5 working days from receipt of the invoice', () => {
  it('awaits the trigger while the invoice is issued but not received', () => {
    const s = iTimeInvoiceReceivedOnWorkingSaturday();
    s.events.pop(); // given only the issue, not the receipt
    const timeline = timelineOf(s, '2023-05-05T12:00:00+08:00');
    expect(timeline).toMatchObject({ status: 'awaiting-trigger', trigger: null, due: null });
    expect(timeline.invoices).toEqual([{ invoiceNo: 'FP-001', amount: '20000.00', issuedAt: '2023-05-05T09:00:00+08:00', receivedAt: null }]);
  });

  it('starts the clock on the working Saturday the invoice arrived; that day never counts, the Sunday after is skipped: due 2023-05-12', () => {
    const s = iTimeInvoiceReceivedOnWorkingSaturday();
    const timeline = timelineOf(s, '2023-05-08T09:00:00+08:00');
    expect(timeline.trigger).toMatchObject({ fact: 'invoice-receipt', invoiceNo: 'FP-001', at: '2023-05-06T10:00:00+08:00', localDate: '2023-05-06' });
    expect(derivationOf(s, '2023-05-08T09:00:00+08:00')).toEqual([
      ['2023-05-07', false, null, 'weekend (Sunday)'],
      ['2023-05-08', true, 1, 'working day'],
      ['2023-05-09', true, 2, 'working day'],
      ['2023-05-10', true, 3, 'working day'],
      ['2023-05-11', true, 4, 'working day'],
      ['2023-05-12', true, 5, 'working day'],
    ]);
    expect(timeline.status).toBe('open');
  });

  it('is paid on time by a payment on 2023-05-10 and owes nothing', () => {
    const s = iTimeInvoiceReceivedOnWorkingSaturday();
    s.when(pay('20000.00', '2023-05-10T14:00:00+08:00', 'CCB-0510'), '2023-05-10T14:00:00+08:00');
    const timeline = timelineOf(s, '2023-06-01T00:00:00+08:00');
    expect(timeline).toMatchObject({ status: 'paid-on-time', outstanding: '0.00', lateDays: [], penaltyTotal: '0.00', contractStatus: 'active' });
    expect(timeline.payments).toEqual([
      { amount: '20000.00', receivedAt: '2023-05-10T14:00:00+08:00', reference: 'CCB-0510', cumulativePaid: '20000.00', outstandingAfter: '0.00', onTime: true, daysLate: 0 },
    ]);
  });

  it('skips the five 劳动节 Labour Day holidays and counts their working Saturday for an invoice received on 2023-04-27: due 2023-05-08', () => {
    const s = new Scenario();
    s.when({ type: 'DraftContract', contractId: 'itime-2023', terms: ITIME_TERMS() }, '2023-04-20T09:00:00+08:00');
    s.when({ type: 'SignContract', party: 'customer', signatory: '艾特永益代表', signedAt: '2023-04-21T10:00:00+08:00' }, '2023-04-21T10:00:00+08:00');
    s.when({ type: 'SignContract', party: 'vendor', signatory: '创联致信代表', signedAt: '2023-04-21T11:00:00+08:00' }, '2023-04-21T11:00:00+08:00');
    s.when({ type: 'IssueInvoice', invoiceNo: 'FP-000', amount: '20000.00', issuedAt: '2023-04-26T09:00:00+08:00' }, '2023-04-26T09:00:00+08:00');
    s.when({ type: 'ReceiveInvoice', invoiceNo: 'FP-000', receivedAt: '2023-04-27T10:00:00+08:00' }, '2023-04-27T10:00:00+08:00');
    expect(derivationOf(s, '2023-04-28T00:00:00+08:00')).toEqual([
      ['2023-04-28', true, 1, 'working day'],
      ...['04-29', '04-30', '05-01', '05-02', '05-03'].map((d) => [`2023-${d}`, false, null, 'public holiday: 劳动节 Labour Day']),
      ['2023-05-04', true, 2, 'working day'],
      ['2023-05-05', true, 3, 'working day'],
      ['2023-05-06', true, 4, '调休 adjusted working day (Saturday), worked to make up for 劳动节 Labour Day'],
      ['2023-05-07', false, null, 'weekend (Sunday)'],
      ['2023-05-08', true, 5, 'working day'],
    ]);
    expect(timelineOf(s, '2023-04-28T00:00:00+08:00').due!.date).toBe('2023-05-08');
  });
});
