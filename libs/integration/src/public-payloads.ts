import { type ContractEvent, type ContractTerms, FIRST_CALENDAR_VERSION, type PenaltyLine } from '@app/contracts-domain';

// Public payloads, one explicit function per stored type. Nothing is passed through: a stored shape
// may change (and be upcast on read), a public one is versioned. When a public shape must change,
// add a `…v2` function beside the v1 one and keep v1 until its consumers are gone.
//
// Confidentiality (clause 5.2): no bank, account, tax id, address, phone, representative or
// signatory, and no free text (fault descriptions, resolution summaries, inspection reports,
// reasons, payment or settlement references), because free text is where contact details and
// internal findings end up. Company names are published: they are printed on every invoice and in
// the public business register, and consumers need them to tell contracts apart.

type DataOf<T extends ContractEvent['type']> = Extract<ContractEvent, { type: T }>['data'];

/** Every amount in a contract is in CNY (contract-terms.ts); said explicitly so consumers never guess. */
const CURRENCY = 'CNY';

export const contractDraftedV1 = (d: DataOf<'ContractDrafted'>) => ({
  contractId: d.contractId,
  contractNo: d.terms.contractNo,
  product: d.terms.product,
  amount: d.terms.amount,
  currency: CURRENCY,
  timeZone: d.terms.timeZone,
  customer: partyName(d.terms, 'customer'),
  vendor: partyName(d.terms, 'vendor'),
  site: d.terms.site,
  serviceTerm: serviceTermV1(d.terms.serviceTerm),
  slaLevel: d.terms.slaPreset ?? null,
  paymentTerms: { trigger: d.terms.paymentTerms.trigger, workingDays: d.terms.paymentTerms.workingDays },
  penaltyPolicy: { dailyRate: d.terms.penaltyPolicy.dailyRate, terminationThreshold: d.terms.penaltyPolicy.terminationThreshold },
  calendarVersion: d.calendarVersion ?? FIRST_CALENDAR_VERSION,
  draftedAt: d.draftedAt,
});

const partyName = (terms: ContractTerms, party: 'customer' | 'vendor') => ({ name: terms[party].name });

const serviceTermV1 = (term: ContractTerms['serviceTerm']) =>
  'startsOnPayment' in term ? { startsOnPayment: true as const, months: term.months } : { start: term.start, end: term.end };

const penaltyLineV1 = (d: PenaltyLine) => ({
  party: d.party,
  obligationId: d.obligationId,
  lateDay: d.lateDay,
  dayStartedAt: d.dayStartedAt,
  amount: d.amount,
  partyTotal: d.partyTotal,
  currency: CURRENCY,
  calendarVersion: d.calendarVersion ?? FIRST_CALENDAR_VERSION,
});

export const publicPayloadsV1 = {
  ContractDrafted: contractDraftedV1,
  CalendarVersionAdopted: (d: DataOf<'CalendarVersionAdopted'>) => ({ version: d.version, previousVersion: d.previousVersion, adoptedAt: d.adoptedAt }),
  ContractSigned: (d: DataOf<'ContractSigned'>) => ({ party: d.party, signedAt: d.signedAt }),
  ContractTookEffect: (d: DataOf<'ContractTookEffect'>) => ({ effectiveAt: d.effectiveAt }),
  InvoiceIssued: (d: DataOf<'InvoiceIssued'>) => ({ invoiceNo: d.invoiceNo, amount: d.amount, currency: CURRENCY, issuedAt: d.issuedAt }),
  InvoiceReceived: (d: DataOf<'InvoiceReceived'>) => ({ invoiceNo: d.invoiceNo, receivedAt: d.receivedAt }),
  PaymentReceived: (d: DataOf<'PaymentReceived'>) => ({ amount: d.amount, currency: CURRENCY, receivedAt: d.receivedAt }),
  ServiceActivated: (d: DataOf<'ServiceActivated'>) => ({ activatedAt: d.activatedAt, start: d.start, end: d.end }),
  FaultReported: (d: DataOf<'FaultReported'>) => ({ faultId: d.faultId, priority: d.priority, reportedAt: d.reportedAt }),
  FaultPriorityChanged: (d: DataOf<'FaultPriorityChanged'>) => ({ faultId: d.faultId, priority: d.priority, agreedAt: d.agreedAt }),
  FaultRespondedTo: (d: DataOf<'FaultRespondedTo'>) => ({ faultId: d.faultId, respondedAt: d.respondedAt }),
  OnsiteVisitRequested: (d: DataOf<'OnsiteVisitRequested'>) => ({ faultId: d.faultId, requestedAt: d.requestedAt }),
  EngineerArrivedOnsite: (d: DataOf<'EngineerArrivedOnsite'>) => ({ faultId: d.faultId, arrivedAt: d.arrivedAt }),
  FaultResolved: (d: DataOf<'FaultResolved'>) => ({ faultId: d.faultId, resolvedAt: d.resolvedAt }),
  InspectionPerformed: (d: DataOf<'InspectionPerformed'>) => ({ kind: d.kind, performedAt: d.performedAt }),
  InspectionDeclinedByCustomer: (d: DataOf<'InspectionDeclinedByCustomer'>) => ({ kind: d.kind, refusedAt: d.refusedAt }),
  TrainingDelivered: (d: DataOf<'TrainingDelivered'>) => ({ deliveredAt: d.deliveredAt }),
  PenaltyAccrued: (d: DataOf<'PenaltyAccrued'>) => penaltyLineV1(d),
  PenaltyAccrualReversed: (d: DataOf<'PenaltyAccrualReversed'>) => penaltyLineV1(d),
  ContractTerminated: (d: DataOf<'ContractTerminated'>) => ({ by: d.by, party: d.party, at: d.at }),
  ContractTerminationRevoked: (d: DataOf<'ContractTerminationRevoked'>) => ({ party: d.party, at: d.at }),
  ContractExpired: (d: DataOf<'ContractExpired'>) => ({ at: d.at }),
  PenaltySettlementRecorded: (d: DataOf<'PenaltySettlementRecorded'>) => ({
    settlementId: d.settlementId,
    party: d.party,
    kind: d.kind,
    amount: d.amount,
    currency: CURRENCY,
    agreedAt: d.agreedAt,
  }),
  // Which party and when; the reason is free text, and free text stays inside (see above).
  PartyDataErased: (d: DataOf<'PartyDataErased'>) => ({ party: d.party, erasedAt: d.erasedAt }),
} satisfies { [T in ContractEvent['type']]: (data: DataOf<T>) => object };
