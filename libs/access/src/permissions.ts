import type { Role } from './principal';

// Who may do what, in one table a reviewer can read. Each route names one permission; the guard
// checks the caller's role against this table and, for a contract's routes, that the caller's
// organisation is one of the contract's parties (admin alone crosses organisations).
//
// Engineers record faults, responses and inspections; finance records invoices, payments and
// settlements; legal reads everything of its organisation's contracts, history and exports
// included; integrators read events and manage their webhooks; a customer reads its contracts,
// reports faults and asks for engineers on site; admin runs the service.

const EVERYONE: readonly Role[] = ['admin', 'finance', 'legal', 'vendor-engineer', 'customer', 'integrator'];

export const PERMISSIONS = {
  // Reference data: calendars, the event catalog and its schemas.
  'reference.read': EVERYONE,
  // A contract's current state, its replay (?asOf=) and the list of contracts one may see.
  'contract.read': EVERYONE,
  'contract.draft': ['admin', 'legal', 'finance'],
  'contract.sign': ['admin', 'legal', 'customer'],
  'contract.terminate': ['admin', 'legal'],
  'contract.events.read': ['admin', 'legal', 'integrator'],
  'contract.history.read': ['admin', 'legal'],
  'contract.erase-party-data': ['admin', 'legal'],
  'confidential.access-log.read': ['admin', 'legal'],
  'calendar.adopt': ['admin', 'legal', 'finance'],
  'invoice.issue': ['admin', 'finance'],
  'invoice.receive': ['admin', 'finance', 'customer'],
  'payment.record': ['admin', 'finance'],
  'settlement.record': ['admin', 'finance'],
  'ledger.read': ['admin', 'finance', 'legal', 'customer'],
  'payment-timeline.read': ['admin', 'finance', 'legal', 'customer'],
  'accrual.run-contract': ['admin', 'finance'],
  'accrual.run-all': ['admin'],
  'report.read': ['admin', 'finance', 'legal'],
  'service-report.read': ['admin', 'finance', 'legal', 'vendor-engineer'],
  'obligations.read': ['admin', 'finance', 'legal', 'vendor-engineer'],
  'audit-bundle.export': ['admin', 'legal'],
  'audit-bundle.verify': ['admin', 'legal', 'finance'],
  'fault.report': ['admin', 'vendor-engineer', 'customer'],
  'fault.record': ['admin', 'vendor-engineer'],
  'onsite.request': ['admin', 'vendor-engineer', 'customer'],
  'service.record': ['admin', 'vendor-engineer'],
  'events.subscribe': ['admin', 'integrator'],
  'webhooks.manage': ['admin', 'integrator'],
  'operations.read': ['admin'],
  'read-models.rebuild': ['admin'],
  'api-keys.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const isPermission = (value: unknown): value is Permission => typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);

export const roleMay = (role: Role, permission: Permission): boolean => (PERMISSIONS[permission] as readonly Role[]).includes(role);

/** Admin sees every organisation's contracts; everyone else only those where its organisation is a party. */
export function mayAccessContract(principal: { role: Role; organisation?: string }, parties: readonly (string | undefined)[]): boolean {
  if (principal.role === 'admin') return true;
  return principal.organisation !== undefined && parties.includes(principal.organisation);
}
