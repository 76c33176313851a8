import { Inject, Injectable } from '@nestjs/common';
import { contractStreamId, toContractEvent } from '@app/contract-store';
import type { EventStore } from '@app/event-store';
import { mayAccessContract, type Principal } from '@app/access';
import { EVENT_STORE } from '../store/event-store.provider';

// The organisations of a contract's two parties, as drafted. They never change after drafting, so
// they are read once from the first event and remembered (bounded, least recently used first out).

export interface ContractOrganisations {
  customer?: string;
  vendor?: string;
}

const REMEMBERED = 50_000;

/** Which contracts a portfolio route may include; undefined (admin) = every contract. */
export type ContractScope = ((contractId: string) => Promise<boolean>) | undefined;

/** Keeps the stream ids of contracts in scope, in their order. */
export async function inScope<T>(items: readonly T[], scope: ContractScope, contractIdOf: (item: T) => string): Promise<T[]> {
  if (!scope) return [...items];
  const kept: T[] = [];
  for (const item of items) if (await scope(contractIdOf(item))) kept.push(item);
  return kept;
}

@Injectable()
export class ContractParties {
  private readonly known = new Map<string, ContractOrganisations>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** undefined: no such contract (yet). */
  async of(contractId: string): Promise<ContractOrganisations | undefined> {
    const hit = this.known.get(contractId);
    if (hit) {
      this.known.delete(contractId);
      this.known.set(contractId, hit);
      return hit;
    }
    const [recorded] = await this.store.readStream(contractStreamId(contractId), { maxCount: 1 });
    const first = recorded && toContractEvent(recorded);
    if (first?.type !== 'ContractDrafted') return undefined;
    const { terms } = first.data;
    const organisations: ContractOrganisations = { customer: terms.customer.organisation, vendor: terms.vendor.organisation };
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value!);
    this.known.set(contractId, organisations);
    return organisations;
  }

  /** Whether the principal may see this contract; a contract that does not exist is nobody's. */
  async visibleTo(principal: Principal, contractId: string): Promise<boolean> {
    if (principal.role === 'admin') return true;
    const organisations = await this.of(contractId);
    return organisations !== undefined && mayAccessContract(principal, [organisations.customer, organisations.vendor]);
  }

  /** What portfolio routes include for this principal: every contract for admin, else those of its organisation. */
  scopeOf(principal: Principal): ContractScope {
    return principal.role === 'admin' ? undefined : (contractId) => this.visibleTo(principal, contractId);
  }
}
