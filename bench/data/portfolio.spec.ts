import fc from 'fast-check';
import { verifyChain } from '@app/contract-store';
import { foldContract } from '@app/contracts-domain';
import { generateContract, kindOf, portfolioBatches, type PortfolioSpec } from './portfolio';

const SPEC: PortfolioSpec = { seed: 11, contracts: 14, overdue: 3, overdueNextNight: 2, awaitingPayment: 2 };

const everything = (spec: PortfolioSpec) => [...portfolioBatches(spec, 5)].flat();

describe('the generated portfolio', () => {
  it('is the same, event for event, for the same seed', () => {
    expect(everything(SPEC)).toEqual(everything(SPEC));
  });

  it('differs for another seed (ids and choices), in the same shape', () => {
    const other = everything({ ...SPEC, seed: 12 });
    const mine = everything(SPEC);
    expect(other.map((c) => c.contractId)).not.toEqual(mine.map((c) => c.contractId));
    expect(other.map((c) => c.kind)).toEqual(mine.map((c) => c.kind));
  });

  it('makes contract i the same whether generated alone or in a batch (so batches can be any size)', () => {
    expect(generateContract(SPEC, 7)).toEqual(everything(SPEC)[7]);
  });

  it('holds exactly the asked number of overdue, next-night overdue and awaiting-payment contracts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.nat(), fc.nat(), fc.nat(), (contracts, a, b, c) => {
        const overdue = a % (contracts + 1);
        const overdueNextNight = c % (contracts - overdue + 1);
        const awaitingPayment = b % (contracts - overdue - overdueNextNight + 1);
        const spec = { seed: 1, contracts, overdue, overdueNextNight, awaitingPayment };
        const kinds = Array.from({ length: contracts }, (_, i) => kindOf(spec, i));
        expect(kinds.filter((k) => k === 'overdue')).toHaveLength(overdue);
        expect(kinds.filter((k) => k === 'overdue-next-night')).toHaveLength(overdueNextNight);
        expect(kinds.filter((k) => k === 'awaiting-payment')).toHaveLength(awaitingPayment);
      }),
    );
    expect(() => kindOf({ seed: 1, contracts: 3, overdue: 2, awaitingPayment: 2 }, 0)).toThrow(RangeError);
    expect(() => kindOf({ seed: 1, contracts: 3, overdue: 1, overdueNextNight: 2, awaitingPayment: 1 }, 0)).toThrow(RangeError);
  });

  it('lays out a portfolio without next-night contracts as before they existed (same seed, same contracts)', () => {
    // The layout before next-night contracts: overdue every contracts/overdue, awaiting payment spread over the rest.
    const before = (spec: PortfolioSpec, index: number) => {
      const stride = Math.floor(spec.contracts / spec.overdue);
      if (index % stride === 0 && index / stride < spec.overdue) return 'overdue';
      const rest = index - Math.min(spec.overdue, Math.ceil(index / stride));
      const awaitingStride = Math.floor((spec.contracts - spec.overdue) / spec.awaitingPayment!);
      return rest % awaitingStride === 0 && rest / awaitingStride < spec.awaitingPayment! ? 'awaiting-payment' : 'active';
    };
    const spec = { seed: 1, contracts: 1_000, overdue: 10, awaitingPayment: 37 };
    expect(Array.from({ length: 1_000 }, (_, i) => kindOf(spec, i))).toEqual(Array.from({ length: 1_000 }, (_, i) => before(spec, i)));
  });

  it('keeps the contracts overdue now overdue when next-night ones are added (so the large runs share one portfolio)', () => {
    const now = { seed: 1, contracts: 1_000, overdue: 10 };
    const overdueAt = (spec: PortfolioSpec) => Array.from({ length: 1_000 }, (_, i) => i).filter((i) => kindOf(spec, i) === 'overdue');
    expect(overdueAt({ ...now, overdueNextNight: 90 })).toEqual(overdueAt(now));
  });

  it('seals every stream with an intact hash chain, ids unique across the portfolio', () => {
    const contracts = everything(SPEC);
    for (const c of contracts) {
      const verification = verifyChain(c.streamId, c.events.map((e, revision) => ({ ...e, revision, data: JSON.parse(JSON.stringify(e.data)) })));
      expect(verification.verified).toBe(true);
      expect(c.storedAt).toHaveLength(c.events.length);
    }
    const eventIds = contracts.flatMap((c) => c.events.map((e) => e.eventId));
    expect(new Set(eventIds).size).toBe(eventIds.length);
  });

  it('writes the metadata the service writes, and names each contract in its drafted event', () => {
    const contract = generateContract(SPEC, 4);
    const [drafted] = contract.events;
    expect(drafted.type).toBe('ContractDrafted');
    expect(drafted.data).toMatchObject({ contractId: contract.contractId, terms: { contractNo: expect.stringMatching(/-000004$/) } });
    for (const event of contract.events) {
      expect(Object.keys(event.metadata).sort()).toEqual(['actor', 'commandId', 'commandType', 'correlationId', 'hash', 'hashAlgorithm', 'occurredAt', 'prevHash', 'recordedAt', 'schemaVersion']);
    }
  });

  it('gives overdue contracts an unanswered fault and daily accruals, and active ones a paid, running service', () => {
    const contracts = everything(SPEC);
    for (const c of contracts) {
      const state = foldContract(c.events.map((e) => ({ type: e.type, data: e.data }) as never))!;
      const openFaults = [...state.faults.values()].filter((f) => !f.respondedAt);
      if (c.kind === 'overdue') {
        expect(openFaults).toHaveLength(1);
        expect(c.events.filter((e) => e.type === 'PenaltyAccrued').length).toBeGreaterThanOrEqual(2);
      } else if (c.kind === 'overdue-next-night') {
        expect(openFaults.map((f) => f.priority)).toEqual(['P1']);
        expect(c.events[c.events.length - 1].type).toBe('FaultReported'); // nothing accrued for it yet
      } else {
        expect(openFaults).toHaveLength(0);
      }
      expect(state.service !== undefined).toBe(c.kind !== 'awaiting-payment');
    }
  });
});
