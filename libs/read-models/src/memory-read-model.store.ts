// Read models in process memory: tests, demos, and `memory:` event stores (whose events die with
// the process anyway). Same semantics as the SQL adapter, checked by the same conformance suite.
import { Temporal } from '@app/contracts-domain';
import type { ContractRow, ContractSnapshot, DueObligation, ObligationRow, ObligationsDueQuery, ReadModelStore } from './read-model.port';

export class MemoryReadModelStore implements ReadModelStore {
  private contracts = new Map<string, ContractRow>();
  private obligations = new Map<string, ObligationRow[]>();
  private upkeep = new Map<string, string | null>();
  private checkpoints = new Map<string, bigint>();
  private closed = false;

  async applyBatch(projection: string, snapshots: readonly ContractSnapshot[], checkpoint: bigint): Promise<void> {
    this.assertOpen();
    // Copy-on-write, then swap: all or nothing, like the SQL adapter's transaction.
    const contracts = new Map(this.contracts);
    const obligations = new Map(this.obligations);
    const upkeep = new Map(this.upkeep);
    for (const { contract, obligations: rows, nextUpkeepAt } of snapshots) {
      const stored = contracts.get(contract.id);
      if (stored && stored.revision >= contract.revision) continue;
      contracts.set(contract.id, { ...contract });
      obligations.set(contract.id, rows.map((r) => ({ ...r })));
      upkeep.set(contract.id, nextUpkeepAt);
    }
    this.contracts = contracts;
    this.obligations = obligations;
    this.upkeep = upkeep;
    const current = this.checkpoints.get(projection);
    if (current === undefined || checkpoint > current) this.checkpoints.set(projection, checkpoint);
  }

  async loadCheckpoint(projection: string): Promise<bigint | undefined> {
    this.assertOpen();
    return this.checkpoints.get(projection);
  }

  async listContracts(filter: { status?: ContractRow['status'] } = {}): Promise<ContractRow[]> {
    this.assertOpen();
    return [...this.contracts.values()]
      .filter((c) => filter.status === undefined || c.status === filter.status)
      .sort((a, b) => (a.draftedPosition < b.draftedPosition ? -1 : a.draftedPosition > b.draftedPosition ? 1 : 0))
      .map((c) => ({ ...c }));
  }

  async obligationsDue({ before, party }: ObligationsDueQuery): Promise<DueObligation[]> {
    this.assertOpen();
    const limit = Temporal.Instant.from(before);
    const due: DueObligation[] = [];
    for (const [contractId, rows] of this.obligations) {
      const contract = this.contracts.get(contractId)!;
      for (const o of rows) {
        if (o.deadline === null || o.metAt !== null || o.released || o.lapsed) continue;
        if (party !== undefined && o.party !== party) continue;
        if (Temporal.Instant.compare(Temporal.Instant.from(o.deadline), limit) >= 0) continue;
        due.push({ ...o, contractNo: contract.contractNo, timeZone: contract.timeZone });
      }
    }
    return due.sort(
      (a, b) =>
        Temporal.Instant.compare(Temporal.Instant.from(a.deadline!), Temporal.Instant.from(b.deadline!)) ||
        compareText(a.contractId, b.contractId) ||
        compareText(a.obligationId, b.obligationId),
    );
  }

  async listObligations(contractId: string): Promise<ObligationRow[]> {
    this.assertOpen();
    return [...(this.obligations.get(contractId) ?? [])].sort((a, b) => compareText(a.obligationId, b.obligationId)).map((o) => ({ ...o }));
  }

  async contractsDueForUpkeep(asOf: string): Promise<string[]> {
    this.assertOpen();
    const limit = Temporal.Instant.from(asOf);
    const due = (id: string) => {
      const at = this.upkeep.get(id);
      return at !== null && at !== undefined && Temporal.Instant.compare(Temporal.Instant.from(at), limit) <= 0;
    };
    return (await this.listContracts()).filter((c) => due(c.id)).map((c) => c.id);
  }

  async reset(projection: string): Promise<void> {
    this.assertOpen();
    this.contracts = new Map();
    this.obligations = new Map();
    this.upkeep = new Map();
    this.checkpoints.delete(projection);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the read-model store is closed');
  }
}

/** Code-unit order, the same as the SQL adapter's `COLLATE "C"`. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
