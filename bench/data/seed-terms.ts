import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractTerms } from '@app/contracts-domain';
import { toContractTerms } from '../../apps/contracts/src/contracts/dto/contract-terms.mapper';
import type { DraftContractDto } from '../../apps/contracts/src/contracts/dto/draft-contract.dto';

// The two seed contracts (examples/contracts/*.json) turned into stored terms by the service's own
// mapper, so generated ContractDrafted events carry exactly what POST /contracts would store.

export type SeedName = 'basiccall-2021' | 'itime-2023';

const EXAMPLES = join(__dirname, '../../examples/contracts');
const cache = new Map<SeedName, ContractTerms>();

/** The seed's request body as a client posts it. */
export function seedRequestBody(name: SeedName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** A fresh copy of the seed's stored terms. */
export function seedTerms(name: SeedName): ContractTerms {
  let terms = cache.get(name);
  if (!terms) {
    terms = toContractTerms(seedRequestBody(name) as unknown as DraftContractDto);
    cache.set(name, terms);
  }
  return structuredClone(terms);
}
