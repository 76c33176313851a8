import type { ContractEvent } from '@app/contracts-domain';

// The public event catalog: every stored contract event type and the versioned type it is
// published as. Public types are named `contract.<fact>.v<major>`; a new major is a new entry.

export interface PublicEventType {
  storedType: ContractEvent['type'];
  type: string;
  description: string;
}

const entry = (storedType: ContractEvent['type'], fact: string, description: string): PublicEventType => ({
  storedType,
  type: `contract.${fact}.v1`,
  description,
});

// `satisfies` with the record below makes a new stored type a compile error until it is catalogued.
const BY_STORED_TYPE = {
  ContractDrafted: entry('ContractDrafted', 'drafted', 'A contract was drafted: its number, product, amount, parties (names only), service term, SLA level and penalty policy.'),
  CalendarVersionAdopted: entry('CalendarVersionAdopted', 'calendar-version-adopted', 'The contract moved to a newer working-day calendar; deadlines are recomputed under it.'),
  ContractSigned: entry('ContractSigned', 'signed', 'One party signed the contract.'),
  ContractTookEffect: entry('ContractTookEffect', 'took-effect', 'Both parties have signed: the contract is in force (6.2).'),
  InvoiceIssued: entry('InvoiceIssued', 'invoice-issued', 'The vendor issued an invoice.'),
  InvoiceReceived: entry('InvoiceReceived', 'invoice-received', 'The customer received the invoice.'),
  PaymentReceived: entry('PaymentReceived', 'payment-received', 'The vendor received a payment.'),
  ServiceActivated: entry('ServiceActivated', 'service-activated', 'The full amount was paid: the service term starts (3.2).'),
  FaultReported: entry('FaultReported', 'fault-reported', 'The customer reported a fault with a priority.'),
  FaultPriorityChanged: entry('FaultPriorityChanged', 'fault-priority-changed', 'The parties agreed on another priority for a fault.'),
  FaultRespondedTo: entry('FaultRespondedTo', 'fault-responded-to', 'The vendor responded to a fault.'),
  OnsiteVisitRequested: entry('OnsiteVisitRequested', 'onsite-visit-requested', 'An on-site visit was requested for a fault.'),
  EngineerArrivedOnsite: entry('EngineerArrivedOnsite', 'engineer-arrived-onsite', "The vendor's engineer arrived on site."),
  FaultResolved: entry('FaultResolved', 'fault-resolved', 'A fault was resolved.'),
  InspectionPerformed: entry('InspectionPerformed', 'inspection-performed', 'A remote or on-site inspection was performed.'),
  InspectionDeclinedByCustomer: entry('InspectionDeclinedByCustomer', 'inspection-declined-by-customer', "The customer withheld permission for an inspection (not the vendor's breach)."),
  TrainingDelivered: entry('TrainingDelivered', 'training-delivered', 'A training was delivered.'),
  PenaltyAccrued: entry('PenaltyAccrued', 'penalty-accrued', "One late day of one obligation: the penalty and the late party's running total (5.1)."),
  PenaltyAccrualReversed: entry('PenaltyAccrualReversed', 'penalty-accrual-reversed', 'A late day recorded earlier was never owed and is reversed.'),
  ContractTerminated: entry('ContractTerminated', 'terminated', 'The contract ended early: by the penalty threshold or by mutual agreement.'),
  ContractTerminationRevoked: entry('ContractTerminationRevoked', 'termination-revoked', 'An automatic termination was undone by later facts.'),
  ContractExpired: entry('ContractExpired', 'expired', 'The service term ended.'),
  PenaltySettlementRecorded: entry('PenaltySettlementRecorded', 'penalty-settlement-recorded', 'Accrued penalties were waived, reduced or paid (6.1); the ledger keeps both.'),
  PartyDataErased: entry('PartyDataErased', 'party-data-erased', "A party's confidential details were erased for good (5.2); amounts and dates are unchanged."),
} satisfies Record<ContractEvent['type'], PublicEventType>;

/** The catalog, in the order of contract.events.ts. */
export const PUBLIC_EVENT_TYPES: readonly PublicEventType[] = Object.values(BY_STORED_TYPE);

export function publicTypeOf(storedType: string): PublicEventType | undefined {
  return Object.hasOwn(BY_STORED_TYPE, storedType) ? BY_STORED_TYPE[storedType as ContractEvent['type']] : undefined;
}

export function publicTypeNamed(type: string): PublicEventType | undefined {
  return PUBLIC_EVENT_TYPES.find((t) => t.type === type);
}

/** Where a type's JSON Schema is served, relative to the service root. */
export const schemaPathOf = (type: string) => `/events/schemas/${type}.json`;
