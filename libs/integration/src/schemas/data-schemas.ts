import type { ContractEvent } from '@app/contracts-domain';
import { closed, currency, decimal, inspectionKind, instant, type JsonSchema, localDate, party, priority, text } from './primitives';

// The `data` of each public type, v1. Keyed by stored type so a new stored type fails to compile
// until it has a public schema; the catalog gives the public name.

const penaltyLine = closed({
  party,
  obligationId: text,
  lateDay: { type: 'integer', minimum: 1 },
  dayStartedAt: instant,
  amount: decimal,
  partyTotal: decimal,
  currency,
  calendarVersion: text,
});

export const DATA_SCHEMAS_V1: Record<ContractEvent['type'], JsonSchema> = {
  ContractDrafted: closed({
    contractId: text,
    contractNo: text,
    product: text,
    amount: decimal,
    currency,
    timeZone: text,
    customer: closed({ name: text }),
    vendor: closed({ name: text }),
    site: { enum: ['local', 'out-of-town'] },
    serviceTerm: {
      oneOf: [closed({ start: localDate, end: localDate }), closed({ startsOnPayment: { const: true }, months: { type: 'integer', minimum: 1 } })],
    },
    slaLevel: { type: ['string', 'null'] },
    paymentTerms: closed({ trigger: { enum: ['signing', 'invoice-receipt'] }, workingDays: { type: 'integer', minimum: 0 } }),
    penaltyPolicy: closed({ dailyRate: decimal, terminationThreshold: decimal }),
    calendarVersion: text,
    draftedAt: instant,
  }),
  CalendarVersionAdopted: closed({ version: text, previousVersion: text, adoptedAt: instant }),
  ContractSigned: closed({ party, signedAt: instant }),
  ContractTookEffect: closed({ effectiveAt: instant }),
  InvoiceIssued: closed({ invoiceNo: text, amount: decimal, currency, issuedAt: instant }),
  InvoiceReceived: closed({ invoiceNo: text, receivedAt: instant }),
  PaymentReceived: closed({ amount: decimal, currency, receivedAt: instant }),
  ServiceActivated: closed({ activatedAt: instant, start: localDate, end: localDate }),
  FaultReported: closed({ faultId: text, priority, reportedAt: instant }),
  FaultPriorityChanged: closed({ faultId: text, priority, agreedAt: instant }),
  FaultRespondedTo: closed({ faultId: text, respondedAt: instant }),
  OnsiteVisitRequested: closed({ faultId: text, requestedAt: instant }),
  EngineerArrivedOnsite: closed({ faultId: text, arrivedAt: instant }),
  FaultResolved: closed({ faultId: text, resolvedAt: instant }),
  InspectionPerformed: closed({ kind: inspectionKind, performedAt: instant }),
  InspectionDeclinedByCustomer: closed({ kind: inspectionKind, refusedAt: instant }),
  TrainingDelivered: closed({ deliveredAt: instant }),
  PenaltyAccrued: penaltyLine,
  PenaltyAccrualReversed: penaltyLine,
  ContractTerminated: closed({ by: { enum: ['penalty-threshold', 'mutual-agreement'] }, party: { anyOf: [party, { type: 'null' }] }, at: instant }),
  ContractTerminationRevoked: closed({ party: { anyOf: [party, { type: 'null' }] }, at: instant }),
  ContractExpired: closed({ at: instant }),
  PenaltySettlementRecorded: closed({ settlementId: text, party, kind: { enum: ['waiver', 'reduction', 'payment'] }, amount: decimal, currency, agreedAt: instant }),
  PartyDataErased: closed({ party, erasedAt: instant }),
};
