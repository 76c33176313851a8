import type { Principal } from '@app/access';
import { ProblemException } from '../http/problem-details';
import type { ContractOrganisations } from './contract-parties';

// Rules about which side a principal acts for, where the request body names a party.

/** Someone other than admin drafts only contracts its own organisation is a party to, or it could never see them again. */
export function assertDraftsAsParty(principal: Principal, terms: { customer: { organisation?: string }; vendor: { organisation?: string } }): void {
  if (principal.role === 'admin') return;
  if (terms.customer.organisation === principal.organisation || terms.vendor.organisation === principal.organisation) return;
  const message = `must name your organisation (${principal.organisation}) as the customer or the vendor`;
  throw new ProblemException(403, 'not-a-party', `you may draft only contracts your organisation is a party to`, [
    { field: 'customer.organisation', message },
    { field: 'vendor.organisation', message },
  ]);
}

/** A signature (or any act "as" a party) by someone other than admin must be for its own organisation's side. */
export function assertActsForParty(principal: Principal, party: 'customer' | 'vendor', organisations: ContractOrganisations | undefined, field = 'party'): void {
  if (principal.role === 'admin' || organisations === undefined) return;
  if (organisations[party] === principal.organisation) return;
  throw new ProblemException(403, 'not-this-party', `your organisation (${principal.organisation}) is not this contract's ${party}`, [
    { field, message: `must be the side your organisation is on` },
  ]);
}
