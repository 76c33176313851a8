import { historyProblems, netLateDays, type Outcome } from './support/pg-ledger-checks';
import type { StoredRow } from './support/pg-schema';

// The checks the PostgreSQL crash and two-instance tests rely on must catch what they claim to:
// here each is shown a history with exactly one fault of its kind.

const ID = '11111111-1111-4111-8111-111111111111';
const STREAM = `contract-${ID}`;

function row(revision: number, type: string, commandId: string, tag: string, data: Record<string, unknown> = {}): StoredRow {
  return { streamId: STREAM, revision, type, data, metadata: { commandId, correlationId: tag } };
}

const accrued = (revision: number, commandId: string, tag: string, lateDay: number) =>
  row(revision, 'PenaltyAccrued', commandId, tag, { obligationId: 'payment', lateDay });
const reversed = (revision: number, commandId: string, tag: string, lateDay: number) =>
  row(revision, 'PenaltyAccrualReversed', commandId, tag, { obligationId: 'payment', lateDay });

const SOUND: StoredRow[] = [
  row(0, 'ContractDrafted', 'c0', 't0'),
  row(1, 'PaymentReceived', 'c1', 't1'),
  accrued(2, 'c1', 't1', 1),
  accrued(3, 'c2', 't2', 2),
  reversed(4, 'c3', 't3', 2),
  accrued(5, 'c4', 't4', 2),
];
const ANSWERS: Outcome[] = [
  { tag: 't0', method: 'POST', path: '/contracts', status: 201, body: { id: ID, revision: 0 } },
  { tag: 't1', method: 'POST', path: `/contracts/${ID}/payments`, status: 201, body: { revision: 2, events: ['PaymentReceived', 'PenaltyAccrued'] } },
  { tag: 't2', method: 'POST', path: `/contracts/${ID}/accrual`, status: 200, body: { revision: 3, events: ['PenaltyAccrued'] } },
  { tag: 't3', method: 'POST', path: `/contracts/${ID}/payments`, status: 0, body: {} },
  { tag: 't4', method: 'POST', path: '/accrual', status: 200, body: { appended: 1, failures: [] } },
];

describe('the history checks of the PostgreSQL end-to-end tests', () => {
  it('find nothing wrong with a sound history, where an unanswered request may or may not have landed', () => {
    expect(historyProblems(SOUND, ANSWERS, { allAnswered: false })).toEqual([]);
    expect(netLateDays(SOUND, STREAM)).toEqual(['payment#1', 'payment#2']);
  });

  it('report events that no answer accounts for when every request was answered', () => {
    expect(historyProblems(SOUND, ANSWERS, { allAnswered: true })).toEqual(['1 event(s) stored for request t3, which was not acknowledged']);
  });

  it('report an acknowledged command whose events are missing, or stored at another revision', () => {
    const missing = SOUND.filter((r) => r.metadata.correlationId !== 't2').map((r, i) => ({ ...r, revision: i }));
    expect(historyProblems(missing, ANSWERS, { allAnswered: false })).toContainEqual(expect.stringContaining('[t2] answered ["PenaltyAccrued"], stored []'));
    const moved = ANSWERS.map((o) => (o.tag === 't1' ? { ...o, body: { ...o.body, revision: 7 } } : o));
    expect(historyProblems(SOUND, moved, { allAnswered: false })).toEqual([expect.stringContaining('[t1] answered revision 7, stored up to 2')]);
  });

  it('report a command appended twice, and a late day owed twice', () => {
    const twice = [...SOUND, row(6, 'PaymentReceived', 'c1', 't1'), accrued(7, 'c1', 't1', 1)];
    expect(historyProblems(twice, ANSWERS, { allAnswered: false })).toEqual(
      expect.arrayContaining([
        `${STREAM}: command c1 appended more than once (revisions 1, 2, 6, 7)`,
        `${STREAM}: late day payment#1 is accrued 2 times net`,
      ]),
    );
  });

  it('report a gap in the revisions', () => {
    const gap = SOUND.map((r) => (r.revision >= 3 ? { ...r, revision: r.revision + 1 } : r));
    expect(historyProblems(gap, [], { allAnswered: false })).toContain(`${STREAM}: event #3 has revision 4`);
  });
});
