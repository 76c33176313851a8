import type { Principal, Role } from '@app/access';

// 5.2: who may read a party's confidential details in clear. Legal and finance work from them
// (contracts, invoices, bank transfers), admin administers; a party's own people see their own
// organisation's details. Everyone else (engineers, the other party, integrators) sees them
// masked. No principal at all (a route not yet behind authentication) means no need.

const ROLES_WITH_NEED: ReadonlySet<Role> = new Set<Role>(['admin', 'legal', 'finance']);

export function hasNeedToKnow(principal: Principal | undefined, owner: { organisation: string | null }): boolean {
  if (!principal) return false;
  if (ROLES_WITH_NEED.has(principal.role)) return true;
  return owner.organisation !== null && principal.organisation !== undefined && principal.organisation === owner.organisation;
}
