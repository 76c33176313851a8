import type { ContractTerms, InspectionKind, Party, Priority } from './terms/contract-terms';

// Stored event types. The `type` strings are written by hand and never change: a change of shape
// is upcast on read, a change of meaning is a new type. Times are ISO 8601 instants with offset,
// amounts decimal strings in CNY.

export const CONTRACT_EVENT_SCHEMA_VERSION = 1;

export type ContractEvent =
  /** calendarVersion: the working-day calendar its deadlines are computed with (absent in streams from before it was recorded: FIRST_CALENDAR_VERSION). */
  | { type: 'ContractDrafted'; data: { contractId: string; terms: ContractTerms; draftedAt: string; calendarVersion?: string } }
  /** An explicit move to a newer calendar version; the ledger is recomputed under it by the same command. */
  | { type: 'CalendarVersionAdopted'; data: { version: string; previousVersion: string; adoptedAt: string; reason: string } }
  | { type: 'ContractSigned'; data: { party: Party; signatory: string; signedAt: string } }
  /** 6.2: in force once both parties have signed; emitted with the second signature. */
  | { type: 'ContractTookEffect'; data: { effectiveAt: string } }
  | { type: 'InvoiceIssued'; data: { invoiceNo: string; amount: string; issuedAt: string } }
  | { type: 'InvoiceReceived'; data: { invoiceNo: string; receivedAt: string } }
  | { type: 'PaymentReceived'; data: { amount: string; receivedAt: string; reference: string } }
  /** 3.2: service starts once the vendor has the full amount; emitted with the completing payment. */
  | { type: 'ServiceActivated'; data: { activatedAt: string; start: string; end: string } }
  | { type: 'FaultReported'; data: { faultId: string; priority: Priority; reportedAt: string; description: string } }
  | { type: 'FaultPriorityChanged'; data: { faultId: string; priority: Priority; agreedAt: string } }
  | { type: 'FaultRespondedTo'; data: { faultId: string; respondedAt: string } }
  | { type: 'OnsiteVisitRequested'; data: { faultId: string; requestedAt: string } }
  | { type: 'EngineerArrivedOnsite'; data: { faultId: string; arrivedAt: string } }
  | { type: 'FaultResolved'; data: { faultId: string; resolvedAt: string; summary: string } }
  | { type: 'InspectionPerformed'; data: { kind: InspectionKind; performedAt: string; checklist: string[]; report: string } }
  /** The customer withheld permission for this period's inspection: not the vendor's breach. */
  | { type: 'InspectionDeclinedByCustomer'; data: { kind: InspectionKind; refusedAt: string; reason: string } }
  | { type: 'TrainingDelivered'; data: { deliveredAt: string; topic: string } }
  | { type: 'PenaltyAccrued'; data: PenaltyLine }
  /** A late day recorded earlier that later facts show was never owed (e.g. a payment recorded late). */
  | { type: 'PenaltyAccrualReversed'; data: PenaltyLine & { reason: string } }
  | {
      type: 'ContractTerminated';
      data: { by: 'penalty-threshold' | 'mutual-agreement'; reason: string; party: Party | null; at: string };
    }
  /**
   * An automatic termination that later facts undo (a payment recorded late shows the threshold
   * was not crossed then). The termination event stays; this compensates it. A termination by
   * agreement is a fact of its own and is never revoked.
   */
  | { type: 'ContractTerminationRevoked'; data: { at: string; party: Party | null; reason: string } }
  | { type: 'ContractExpired'; data: { at: string } }
  /**
   * 6.1 / Civil Code art. 585: the parties agreed to waive or reduce accrued penalties, or the late
   * party paid them. It never touches what was accrued: the ledger keeps both.
   */
  | { type: 'PenaltySettlementRecorded'; data: PenaltySettlement }
  /**
   * 5.2: the party's confidential details (tax id, bank, account, address, phone, representative)
   * were erased by destroying their key. Nothing else of the contract changes: amounts, dates and
   * the company name stay, and the events holding the ciphertext stay as they were.
   */
  | { type: 'PartyDataErased'; data: { party: Party; reason: string; erasedAt: string } };

export const SETTLEMENT_KINDS = ['waiver', 'reduction', 'payment'] as const;
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];

export interface PenaltySettlement {
  settlementId: string;
  /** The party whose accrued penalties are settled (the late party). */
  party: Party;
  kind: SettlementKind;
  amount: string;
  agreedAt: string;
  /** The agreement, court ruling or bank reference it rests on. */
  reference: string;
  note?: string;
}

/** One late day of one obligation, and the late party's running total after this line (5.1). */
export interface PenaltyLine {
  party: Party;
  obligationId: string;
  lateDay: number;
  dayStartedAt: string;
  amount: string;
  partyTotal: string;
  /** The working-day calendar the deadline was computed with (absent on lines from before it was recorded). */
  calendarVersion?: string;
}

export type ContractEventType = ContractEvent['type'];

/** The business time of an event: when it happened in the world, not when it was recorded. */
export function occurredAtOf(event: ContractEvent): string {
  switch (event.type) {
    case 'ContractDrafted':
      return event.data.draftedAt;
    case 'CalendarVersionAdopted':
      return event.data.adoptedAt;
    case 'PenaltySettlementRecorded':
      return event.data.agreedAt;
    case 'PartyDataErased':
      return event.data.erasedAt;
    case 'ContractSigned':
      return event.data.signedAt;
    case 'ContractTookEffect':
      return event.data.effectiveAt;
    case 'InvoiceIssued':
      return event.data.issuedAt;
    case 'InvoiceReceived':
    case 'PaymentReceived':
      return event.data.receivedAt;
    case 'ServiceActivated':
      return event.data.activatedAt;
    case 'FaultReported':
      return event.data.reportedAt;
    case 'FaultPriorityChanged':
      return event.data.agreedAt;
    case 'FaultRespondedTo':
      return event.data.respondedAt;
    case 'OnsiteVisitRequested':
      return event.data.requestedAt;
    case 'EngineerArrivedOnsite':
      return event.data.arrivedAt;
    case 'FaultResolved':
      return event.data.resolvedAt;
    case 'InspectionPerformed':
      return event.data.performedAt;
    case 'InspectionDeclinedByCustomer':
      return event.data.refusedAt;
    case 'TrainingDelivered':
      return event.data.deliveredAt;
    case 'PenaltyAccrued':
    case 'PenaltyAccrualReversed':
      return event.data.dayStartedAt;
    case 'ContractTerminated':
    case 'ContractTerminationRevoked':
    case 'ContractExpired':
      return event.data.at;
  }
}
