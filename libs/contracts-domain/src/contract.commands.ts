import type { SettlementKind } from './contract.events';
import type { ContractTerms, InspectionKind, Party, Priority } from './terms/contract-terms';

// What a user asks for. Times are ISO 8601 strings as the client sent them; the decider parses
// them and names the field at fault, so the domain is safe whoever calls it.

export type ContractCommand =
  | { type: 'DraftContract'; contractId: string; terms: ContractTerms }
  | { type: 'SignContract'; party: Party; signatory: string; signedAt: string }
  | { type: 'IssueInvoice'; invoiceNo: string; amount: string; issuedAt: string }
  | { type: 'ReceiveInvoice'; invoiceNo: string; receivedAt: string }
  | { type: 'RecordPayment'; amount: string; receivedAt: string; reference: string }
  | { type: 'ReportFault'; faultId: string; priority: Priority; reportedAt: string; description: string }
  | { type: 'ChangeFaultPriority'; faultId: string; priority: Priority; agreedAt: string }
  | { type: 'RecordFaultResponse'; faultId: string; respondedAt: string }
  | { type: 'RequestOnsiteVisit'; faultId: string; requestedAt: string }
  | { type: 'RecordEngineerArrival'; faultId: string; arrivedAt: string }
  | { type: 'ResolveFault'; faultId: string; resolvedAt: string; summary: string }
  | { type: 'RecordInspection'; kind: InspectionKind; performedAt: string; checklist: string[]; report: string }
  | { type: 'RecordInspectionRefusal'; kind: InspectionKind; refusedAt: string; reason: string }
  | { type: 'RecordTraining'; deliveredAt: string; topic: string }
  | { type: 'TerminateByAgreement'; reason: string; agreedAt: string }
  /** 6.1 / art. 585: an agreed waiver or reduction of accrued penalties, or their payment. */
  | { type: 'RecordPenaltySettlement'; settlementId: string; party: Party; kind: SettlementKind; amount: string; agreedAt: string; reference: string; note?: string }
  /** Recompute the contract's deadlines under a newer calendar version, as an explicit recorded act. */
  | { type: 'AdoptCalendarVersion'; version: string; reason: string }
  /**
   * 5.2 crypto-shredding: the party's confidential details are to be made unreadable for good. The
   * service deletes the party's data key once this is recorded; the domain only records the act.
   */
  | { type: 'ErasePartyData'; party: Party; reason: string }
  /** Accrue every started late day and expire a finished term, up to asOf. */
  | { type: 'BringUpToDate'; asOf: string };

export type ContractCommandType = ContractCommand['type'];

/** 2.4: what a remote inspection looks at. BasicCall reads call-traffic history for the last 24 hours. */
export const REMOTE_INSPECTION_CHECKLIST = ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'] as const;
