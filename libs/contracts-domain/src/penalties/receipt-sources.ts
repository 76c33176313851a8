import type { ContractEvent } from '../contract.events';
import type { Obligation } from '../obligations/obligations';
import type { SourcedEvent } from '../sourced-event';
import { instantOf } from '../time';
import type { ReceiptSource } from './receipt-types';

// Which recorded facts a ledger line derives from. Only the events before the line are searched,
// so the answer never changes when later events are appended.

type Pick = (event: ContractEvent) => string | undefined;

/** The facts behind one obligation's lines: terms and calendar, the obligation's own events; by revision. */
export function receiptSources(prefix: readonly SourcedEvent[], obligation: Obligation | undefined): ReceiptSource[] {
  const picks: Pick[] = [
    (e) => (e.type === 'ContractDrafted' ? 'terms: amount, 5.1 rate and threshold, SLA, calendar version' : undefined),
    (e) => (e.type === 'CalendarVersionAdopted' ? 'calendar version adopted' : undefined),
    (e) => (e.type === 'ContractTerminated' && e.data.by === 'mutual-agreement' ? 'contract ended by agreement: no later day is owed' : undefined),
    ...(obligation ? obligationPicks(obligation) : []),
  ];
  return prefix.flatMap((sourced): ReceiptSource[] => {
    const role = picks.map((pick) => pick(sourced.event)).find((r) => r !== undefined);
    return role ? [{ eventId: sourced.eventId, revision: sourced.revision, type: sourced.event.type, role }] : [];
  });
}

/** The ledger event a receipt explains, always the last of its sources. */
export function ledgerSource(ledgerEvent: SourcedEvent): ReceiptSource {
  const role = ledgerEvent.event.type === 'PenaltyAccrued' ? 'ledger line: late day accrued' : 'ledger line: late day reversed';
  return { eventId: ledgerEvent.eventId, revision: ledgerEvent.revision, type: ledgerEvent.event.type, role };
}

/** The event that started a payment's count: the one whose time is the trigger's. */
export function triggerEventId(prefix: readonly SourcedEvent[], at: string, invoiceNo: string | undefined): string | null {
  const when = instantOf(at);
  const match = [...prefix].reverse().find(({ event }) =>
    invoiceNo === undefined
      ? event.type === 'ContractTookEffect' && instantOf(event.data.effectiveAt).equals(when)
      : event.type === 'InvoiceReceived' && event.data.invoiceNo === invoiceNo && instantOf(event.data.receivedAt).equals(when),
  );
  return match?.eventId ?? null;
}

function obligationPicks(obligation: Obligation): Pick[] {
  const faultId = obligation.faultId;
  const ofFault = (e: ContractEvent) => 'faultId' in e.data && e.data.faultId === faultId;
  switch (obligation.kind) {
    case 'payment':
      return [
        (e) => (e.type === 'ContractSigned' ? 'signature (6.2)' : undefined),
        (e) => (e.type === 'ContractTookEffect' ? 'took effect: the payment trigger when it is signing (3.2)' : undefined),
        (e) => (e.type === 'InvoiceIssued' ? 'invoice issued' : undefined),
        (e) => (e.type === 'InvoiceReceived' ? 'invoice received: the payment trigger when it is receipt (3.2)' : undefined),
        (e) => (e.type === 'PaymentReceived' ? 'payment received (counts towards the contract amount)' : undefined),
      ];
    case 'fault-response':
      return [
        (e) => (e.type === 'FaultReported' && ofFault(e) ? 'fault report: the response clock starts' : undefined),
        (e) => (e.type === 'FaultPriorityChanged' && ofFault(e) ? 'priority agreed (2.1)' : undefined),
        (e) => (e.type === 'FaultRespondedTo' && ofFault(e) ? 'response' : undefined),
        (e) => (e.type === 'FaultResolved' && ofFault(e) ? 'resolution (also a response)' : undefined),
      ];
    case 'onsite-arrival':
      return [
        (e) => (e.type === 'FaultReported' && ofFault(e) ? 'fault report' : undefined),
        (e) => (e.type === 'OnsiteVisitRequested' && ofFault(e) ? 'on-site visit requested: the arrival clock starts' : undefined),
        (e) => (e.type === 'EngineerArrivedOnsite' && ofFault(e) ? 'engineer arrived on site' : undefined),
      ];
    case 'inspection':
      return [
        (e) => (e.type === 'ServiceActivated' ? 'service activated: the service term and its periods' : undefined),
        (e) => (e.type === 'InspectionPerformed' && e.data.kind === obligation.inspectionKind ? 'inspection performed' : undefined),
        (e) => (e.type === 'InspectionDeclinedByCustomer' && e.data.kind === obligation.inspectionKind ? 'inspection declined by the customer' : undefined),
      ];
    case 'training':
      return [
        (e) => (e.type === 'ServiceActivated' ? 'service activated: the service term and its periods' : undefined),
        (e) => (e.type === 'TrainingDelivered' ? 'training delivered' : undefined),
      ];
  }
}
