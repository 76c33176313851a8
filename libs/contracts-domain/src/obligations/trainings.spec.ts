import { chinaWorkingDayCalendar } from '../calendar/working-day-calendar';
import { deriveObligations } from './obligations';
import { BASICCALL_TERMS } from '../testing/seed-terms';
import { slaPreset } from '../terms/sla-presets';
import { Scenario } from '../testing/given-when-then';

// BasicCall's enhanced level (增强级) owes 2 on-site trainings a year (2.5): one per half of the term.

function enhancedBasicCallPaid(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc', terms: { ...BASICCALL_TERMS(), sla: slaPreset('BasicCall/enhanced')! } }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: 'A', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T11:00:00+08:00' }, '2021-01-15T11:00:00+08:00');
  s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-18T10:00:00+08:00', reference: 'r' }, '2021-01-18T10:00:00+08:00');
  return s;
}

const trainings = (s: Scenario) => deriveObligations(s.stateOrFail(), chinaWorkingDayCalendar).filter((o) => o.kind === 'training');

describe('trainings per their yearly quota (2.5)', () => {
  it('owes one training in each half of the 2021-01-20 to 2022-01-20 term', () => {
    expect(trainings(enhancedBasicCallPaid()).map((o) => [o.id, o.deadline?.toString()])).toEqual([
      ['training:1', '2021-07-19T16:00:00Z'],
      ['training:2', '2022-01-20T16:00:00Z'],
    ]);
  });

  it('counts a training delivered inside the first half as meeting it', () => {
    const s = enhancedBasicCallPaid();
    s.when({ type: 'RecordTraining', deliveredAt: '2021-03-10T14:00:00+08:00', topic: '座席人员培训' }, '2021-03-10T14:00:00+08:00');
    expect(trainings(s)[0].metAt?.toString()).toBe('2021-03-10T06:00:00Z');
    expect(trainings(s)[1].metAt).toBeUndefined();
  });

  it('charges the vendor ¥23.00 a day for a half-year that passed without training, until one is given', () => {
    const s = enhancedBasicCallPaid();
    s.when({ type: 'RecordTraining', deliveredAt: '2021-07-22T14:00:00+08:00', topic: '技术维护人员培训' }, '2021-07-22T14:00:00+08:00');
    expect(trainings(s)[0].metAt?.toString()).toBe('2021-07-22T06:00:00Z');
    // 2021-07-20, 21 and 22 had started; the missed inspections of that half accrue on their own lines.
    const lines = [...s.stateOrFail().ledger.values()].filter((e) => e.obligationId === 'training:1');
    expect(lines.map((e) => [e.lateDay, e.amount])).toEqual([
      [1, 2_300n],
      [2, 2_300n],
      [3, 2_300n],
    ]);
  });
});
