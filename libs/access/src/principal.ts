// Who is asking. Every request past authentication carries one; the actor recorded in event
// metadata, the idempotency scope and the access log all come from it.

export const ROLES = ['admin', 'finance', 'legal', 'vendor-engineer', 'customer', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export interface Principal {
  /** Stable id: `key:<key id>` for an API key, `jwt:<iss>#<sub>` for a person. */
  id: string;
  /** What the actor field in event metadata shows: the key's name or the token's subject. */
  name: string;
  role: Role;
  /**
   * The organisation it belongs to: it sees only contracts where this organisation is the customer
   * or the vendor. `undefined` only for admin, which sees every contract.
   */
  organisation?: string;
  via: 'api-key' | 'jwt';
}
