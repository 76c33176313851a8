// Why a command was refused. The kind maps to the HTTP status at the edge: invalid → 400,
// not-found → 404, conflict → 409 (not allowed in the contract's current state).
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** The request field at fault, as the client named it (e.g. "receivedAt", "sla.serviceWindow.from"). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, field?: string) => new DomainError('invalid', code, message, field);
export const conflict = (code: string, message: string, field?: string) => new DomainError('conflict', code, message, field);
export const notFound = (code: string, message: string, field?: string) => new DomainError('not-found', code, message, field);
