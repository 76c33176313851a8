// One conformance suite for every ReadModelStore adapter (memory, PGlite, PostgreSQL): test code,
// kept out of the library's index.
import fc from 'fast-check';
import type { ContractRow, ContractSnapshot, ObligationRow, ReadModelStore } from '../read-model.port';

export function contractRow(id: string, overrides: Partial<ContractRow> = {}): ContractRow {
  return {
    id,
    contractNo: `NO-${id}`,
    product: 'BasicCall 平台软件',
    status: 'signed',
    amount: '23000.00',
    customer: '北京某某公司（甲方）',
    vendor: '信普飞科（乙方）',
    timeZone: 'Asia/Shanghai',
    revision: 3,
    draftedPosition: 1n,
    penaltiesCustomer: '0.00',
    penaltiesVendor: '0.00',
    updatedAt: '2021-01-15T07:00:00Z',
    ...overrides,
  };
}

export function obligationRow(contractId: string, obligationId: string, overrides: Partial<ObligationRow> = {}): ObligationRow {
  return {
    contractId,
    obligationId,
    kind: 'payment',
    party: 'customer',
    deadline: '2021-01-22T16:00:00Z',
    metAt: null,
    released: false,
    lapsed: false,
    lateDays: 0,
    penalty: '0.00',
    ...overrides,
  };
}

export const snapshot = (contract: ContractRow, obligations: ObligationRow[] = [], nextUpkeepAt: string | null = null): ContractSnapshot => ({ contract, obligations, nextUpkeepAt });

export function describeReadModelStoreConformance(name: string, open: () => Promise<ReadModelStore>): void {
  describe(`ReadModelStore conformance: ${name}`, () => {
    let store: ReadModelStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty, with no checkpoint', async () => {
      expect(await store.loadCheckpoint('contracts')).toBeUndefined();
      expect(await store.listContracts()).toEqual([]);
      expect(await store.obligationsDue({ before: '2100-01-01T00:00:00Z' })).toEqual([]);
    });

    it('stores rows and checkpoint together and lists contracts in drafting order, by status', async () => {
      const a = contractRow('a', { draftedPosition: 7n, status: 'active' });
      const b = contractRow('b', { draftedPosition: 2n, status: 'terminated', penaltiesCustomer: '4623.00' });
      await store.applyBatch('contracts', [snapshot(a, [obligationRow('a', 'payment')]), snapshot(b)], 9n);
      expect(await store.loadCheckpoint('contracts')).toBe(9n);
      expect(await store.loadCheckpoint('other')).toBeUndefined();
      expect(await store.listContracts()).toEqual([b, a]);
      expect(await store.listContracts({ status: 'active' })).toEqual([a]);
      expect(await store.listContracts({ status: 'draft' })).toEqual([]);
      expect(await store.listObligations('a')).toEqual([obligationRow('a', 'payment')]);
    });

    it('keeps a row when the same or an older revision arrives again, and never moves the checkpoint back', async () => {
      const current = snapshot(contractRow('a', { revision: 5, status: 'active' }), [obligationRow('a', 'payment', { metAt: '2021-01-20T02:00:00Z' })]);
      await store.applyBatch('contracts', [current], 20n);
      await store.applyBatch('contracts', [snapshot(contractRow('a', { revision: 5, status: 'draft' }), [])], 20n);
      await store.applyBatch('contracts', [snapshot(contractRow('a', { revision: 2, status: 'signed' }), [obligationRow('a', 'x')])], 12n);
      expect(await store.listContracts()).toEqual([current.contract]);
      expect(await store.listObligations('a')).toEqual(current.obligations);
      expect(await store.loadCheckpoint('contracts')).toBe(20n);
    });

    it('replaces a contract and its whole set of obligations with a higher revision', async () => {
      await store.applyBatch('contracts', [snapshot(contractRow('a', { revision: 1 }), [obligationRow('a', 'payment'), obligationRow('a', 'gone')])], 3n);
      const next = snapshot(contractRow('a', { revision: 4, status: 'terminated' }), [obligationRow('a', 'payment', { lateDays: 201, penalty: '4623.00' })]);
      await store.applyBatch('contracts', [next], 8n);
      expect(await store.listContracts()).toEqual([next.contract]);
      expect(await store.listObligations('a')).toEqual(next.obligations);
    });

    it('finds unmet obligations due before an instant: not met, released, lapsed or without a deadline; by party', async () => {
      await store.applyBatch(
        'contracts',
        [
          snapshot(contractRow('a', { contractNo: 'A-1' }), [
            obligationRow('a', 'payment', { deadline: '2021-01-22T16:00:00Z', lateDays: 3, penalty: '69.00' }),
            obligationRow('a', 'fault-response:f1', { kind: 'fault-response', party: 'vendor', deadline: '2021-01-21T03:30:00.125Z' }),
            obligationRow('a', 'inspection:1', { kind: 'inspection', party: 'vendor', deadline: '2021-01-01T00:00:00Z', released: true }),
            obligationRow('a', 'inspection:2', { kind: 'inspection', party: 'vendor', deadline: '2021-01-02T00:00:00Z', lapsed: true }),
            obligationRow('a', 'training:1', { kind: 'training', party: 'vendor', deadline: '2021-01-03T00:00:00Z', metAt: '2021-01-02T00:00:00Z' }),
            obligationRow('a', 'later', { deadline: '2021-02-01T00:00:00Z' }),
            obligationRow('a', 'untriggered', { deadline: null }),
          ]),
          snapshot(contractRow('b', { draftedPosition: 2n, timeZone: 'UTC' }), [obligationRow('b', 'payment', { deadline: '2021-01-22T16:00:00Z' })]),
        ],
        5n,
      );
      // Strictly before; any offset names the same instant (2021-01-23 00:00 +08:00 = 2021-01-22T16:00Z).
      const atDeadline = await store.obligationsDue({ before: '2021-01-23T00:00:00+08:00' });
      expect(atDeadline.map((o) => `${o.contractId}/${o.obligationId}`)).toEqual(['a/fault-response:f1']);
      const after = await store.obligationsDue({ before: '2021-01-23T00:00:00.001+08:00' });
      expect(after.map((o) => `${o.contractId}/${o.obligationId}`)).toEqual(['a/fault-response:f1', 'a/payment', 'b/payment']);
      expect(after[0]).toEqual({
        ...obligationRow('a', 'fault-response:f1', { kind: 'fault-response', party: 'vendor', deadline: '2021-01-21T03:30:00.125Z' }),
        contractNo: 'A-1',
        timeZone: 'Asia/Shanghai',
      });
      expect(after[1]).toMatchObject({ lateDays: 3, penalty: '69.00' });
      const customer = await store.obligationsDue({ before: '2022-01-01T00:00:00Z', party: 'customer' });
      expect(customer.map((o) => `${o.contractId}/${o.obligationId}`)).toEqual(['a/payment', 'b/payment', 'a/later']);
    });

    it('hands text back exactly: NUL, lone surrogates, quotes, SQL', async () => {
      const hostile = `nul:\u0000 high:\ud800 low:\udc00 '); DROP TABLE rm_contracts; -- "q" \\ 🔧𠮷 $1`;
      const row = contractRow('h', { contractNo: hostile, product: hostile, customer: hostile, vendor: `${hostile}·vendor` });
      await store.applyBatch('contracts', [snapshot(row, [obligationRow('h', 'payment')])], 1n);
      expect(await store.listContracts()).toEqual([row]);
      expect((await store.obligationsDue({ before: '2100-01-01T00:00:00Z' }))[0].contractNo).toBe(hostile);
    });

    it('keeps positions beyond 2^53 exactly', async () => {
      const big = 2n ** 62n + 1n;
      await store.applyBatch('contracts', [snapshot(contractRow('a', { draftedPosition: big }))], big);
      expect(await store.loadCheckpoint('contracts')).toBe(big);
      expect((await store.listContracts())[0].draftedPosition).toBe(big);
    });

    it('lists the contracts due for upkeep by an instant (inclusive, any offset), in drafted order, following the latest revision', async () => {
      await store.applyBatch(
        'contracts',
        [
          snapshot(contractRow('late', { draftedPosition: 3n }), [], '2021-10-15T00:00:00Z'),
          snapshot(contractRow('never', { draftedPosition: 1n }), [], null),
          snapshot(contractRow('early', { draftedPosition: 2n }), [], '2021-10-12T16:00:00Z'),
          snapshot(contractRow('later', { draftedPosition: 4n }), [], '2021-10-15T00:00:00.001Z'),
        ],
        5n,
      );
      expect(await store.contractsDueForUpkeep('2021-10-15T08:00:00+08:00')).toEqual(['early', 'late']);
      // An accrual recorded the day: the next one is tomorrow, and an older revision changes nothing.
      await store.applyBatch('contracts', [snapshot(contractRow('early', { draftedPosition: 2n, revision: 100 }), [], '2021-10-16T00:00:00Z')], 6n);
      await store.applyBatch('contracts', [snapshot(contractRow('late', { draftedPosition: 3n, revision: 0 }), [], null)], 7n);
      expect(await store.contractsDueForUpkeep('2021-10-15T00:00:00Z')).toEqual(['late']);
      await store.reset('contracts');
      expect(await store.contractsDueForUpkeep('2100-01-01T00:00:00Z')).toEqual([]);
    });

    it('leaves the same rows from a batch as from its snapshots one at a time (repeats, equal and older revisions included)', async () => {
      const ids = ['a', 'b', 'c'];
      const instantArb = fc.constantFrom('2021-01-22T16:00:00Z', '2021-01-21T03:30:00.125Z', '2021-10-15T00:00:00Z');
      const obligationArb = fc.record({
        id: fc.constantFrom('payment', 'fault-response:f1', 'inspection:1'),
        deadline: fc.option(instantArb),
        metAt: fc.option(instantArb),
        released: fc.boolean(),
        lapsed: fc.boolean(),
        lateDays: fc.nat(300),
        penalty: fc.constantFrom('0.00', '69.00'),
      });
      const snapshotArb = fc.integer({ min: 0, max: ids.length - 1 }).chain((i) =>
        fc
          .record({
            revision: fc.integer({ min: 0, max: 4 }),
            status: fc.constantFrom<ContractRow['status']>('signed', 'active', 'terminated'),
            penaltiesVendor: fc.constantFrom('0.00', '4623.00'),
            upkeep: fc.option(instantArb),
            obligations: fc.uniqueArray(obligationArb, { selector: (o) => o.id, maxLength: 3 }),
          })
          .map(({ revision, status, penaltiesVendor, upkeep, obligations }) =>
            snapshot(
              contractRow(ids[i], { draftedPosition: BigInt(i + 1), revision, status, penaltiesVendor }),
              obligations.map(({ id, ...o }) => obligationRow(ids[i], id, o)),
              upkeep,
            ),
          ),
      );
      const everything = async () => ({
        contracts: await store.listContracts(),
        obligations: await Promise.all(ids.map((id) => store.listObligations(id))),
        due: await store.obligationsDue({ before: '2100-01-01T00:00:00Z' }),
        upkeep: await store.contractsDueForUpkeep('2100-01-01T00:00:00Z'),
        checkpoint: await store.loadCheckpoint('contracts'),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(snapshotArb, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), async (batches) => {
          await store.reset('contracts');
          for (const [i, batch] of batches.entries()) await store.applyBatch('contracts', batch, BigInt(i + 1));
          const batched = await everything();
          await store.reset('contracts');
          for (const [i, batch] of batches.entries()) {
            for (const one of batch) await store.applyBatch('contracts', [one], BigInt(i + 1));
            if (batch.length === 0) await store.applyBatch('contracts', [], BigInt(i + 1));
          }
          expect(await everything()).toEqual(batched);
        }),
        { numRuns: 25 },
      );
    }, 60_000);

    it('forgets every row and the checkpoint on reset', async () => {
      await store.applyBatch('contracts', [snapshot(contractRow('a'), [obligationRow('a', 'payment')])], 4n);
      await store.reset('contracts');
      expect(await store.loadCheckpoint('contracts')).toBeUndefined();
      expect(await store.listContracts()).toEqual([]);
      expect(await store.listObligations('a')).toEqual([]);
      await store.applyBatch('contracts', [snapshot(contractRow('a', { revision: 1 }))], 2n);
      expect(await store.loadCheckpoint('contracts')).toBe(2n);
    });
  });
}
