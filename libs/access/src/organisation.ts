// An organisation id names a company the way principals and contracts both refer to it:
// "itime", "example-hospital". Lower-case and short, so it reads well in logs and URLs.

export const ORGANISATION_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export const isOrganisationId = (value: unknown): value is string => typeof value === 'string' && ORGANISATION_PATTERN.test(value);
