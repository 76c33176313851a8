import { type ContractTerms, type PartyDetails } from '@app/contracts-domain';
import fc from 'fast-check';
import { toPublicCloudEvent } from '@app/integration';
import { BASICCALL_TERMS, ITIME_TERMS } from '../../contracts-domain/src/testing/seed-terms';
import { asRecorded, basicCallAdoptingCorrectedCalendar, basicCallFullLife, basicCallTerminatedThenRevoked, iTimeToExpiry } from './testing/seed-event-streams';

// Clause 5.2: the parties' confidential details never leave in a public event. Company names are
// published on purpose (they are on every invoice); everything else about a party is not, and no
// free text is, because free text is where phone numbers and addresses end up.

const CONFIDENTIAL_PARTY_FIELDS = ['taxId', 'bank', 'account', 'address', 'phone', 'representative'] as const satisfies readonly (keyof PartyDetails)[];
/** Stored fields holding free text or identifiers of people and bank transfers. */
const FREE_TEXT_FIELDS = ['signatory', 'description', 'summary', 'report', 'reason', 'reference', 'note', 'topic'];

const confidentialOf = (terms: ContractTerms) => [terms.customer, terms.vendor].flatMap((p) => CONFIDENTIAL_PARTY_FIELDS.map((f) => p[f]));

function freeTextOf(data: unknown): string[] {
  const record = data as Record<string, unknown>;
  return FREE_TEXT_FIELDS.map((f) => record[f]).filter((v): v is string => typeof v === 'string');
}

const publicJson = (recorded: ReturnType<typeof asRecorded>) =>
  recorded.map((r) => JSON.stringify(toPublicCloudEvent(r, { source: 'urn:contract-lifecycle' })));

describe('no confidential party data in public events (5.2)', () => {
  const recorded = [
    ...asRecorded('bc-2021', basicCallFullLife().events),
    ...asRecorded('bc-2021-unpaid', basicCallTerminatedThenRevoked().events),
    ...asRecorded('itime-2023', iTimeToExpiry().events),
    ...asRecorded('bc-2021-recalendared', basicCallAdoptingCorrectedCalendar()),
  ];
  const secrets = [...new Set([...confidentialOf(BASICCALL_TERMS()), ...confidentialOf(ITIME_TERMS()), ...recorded.flatMap((r) => freeTextOf(r.data))])];

  it('the seed scenarios hold the secrets this test looks for (else it proves nothing)', () => {
    const stored = JSON.stringify(recorded.map((r) => r.data));
    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(stored).toContain(secret);
  });

  it('no confidential value of the seed terms or free text of the seed scenarios appears in any public event', () => {
    const leaks = publicJson(recorded).flatMap((json) => secrets.filter((s) => json.includes(s)).map((s) => ({ secret: s, json })));
    expect(leaks).toEqual([]);
  });

  it('whatever the parties\' details, a drafted contract publishes none of them but the names', () => {
    const marked = fc.string({ minLength: 1 }).map((s) => `SECRET⟨${s}⟩`);
    const details = fc.record({ name: fc.string({ minLength: 1 }), taxId: marked, bank: marked, account: marked, address: marked, phone: marked, representative: marked });
    fc.assert(
      fc.property(details, details, (customer, vendor) => {
        const terms = { ...BASICCALL_TERMS(), customer, vendor };
        const [json] = publicJson(asRecorded('c', [{ type: 'ContractDrafted', data: { contractId: 'c', terms, draftedAt: '2021-01-10T09:00:00+08:00' } }]));
        expect(json).not.toContain('SECRET⟨');
        expect(JSON.parse(json).data.customer).toEqual({ name: customer.name });
      }),
    );
  });
});
