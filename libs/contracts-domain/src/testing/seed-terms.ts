import basicCall from '../../../../examples/contracts/basiccall-2021.json';
import iTime from '../../../../examples/contracts/itime-2023.json';
import type { ContractTerms } from '../terms/contract-terms';
import { slaPreset } from '../terms/sla-presets';

// The seed contracts' terms for tests, read from the same example files users post.

function withSla(example: Omit<ContractTerms, 'sla'> & { slaPreset: string }): ContractTerms {
  return { ...example, sla: slaPreset(example.slaPreset)! } as ContractTerms;
}

export const BASICCALL_TERMS = (): ContractTerms => withSla(structuredClone(basicCall) as never);
export const ITIME_TERMS = (): ContractTerms => withSla(structuredClone(iTime) as never);
