import type { ContractEvent } from '../contract.events';
import { Temporal } from '../temporal';
import type { Party } from '../terms/contract-terms';
import { formatInstant } from '../time';

// One plain-English sentence per stored event, for the history a lawyer reads: who did what, when
// (in the contract's zone) and for how much. The switch is exhaustive, so a new event type does
// not compile until it can be told.

const PARTY: Record<Party, string> = { customer: 'the customer (甲方)', vendor: 'the vendor (乙方)' };

/** "23000.00" → "¥23,000.00": the stored decimal string, grouped for reading; no number conversion. */
export function yuan(amount: string): string {
  const [whole, fraction = '00'] = amount.split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

const partyName = (party: Party | null) => (party ? PARTY[party] : 'neither party');
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** A free-text reason ends the sentence itself: drop its own final stop so it is not doubled. */
const reasonText = (text: string) => text.trim().replace(/[.。]$/, '');

export function describeEvent(event: ContractEvent, zone: string): string {
  const at = (instant: string) => formatInstant(Temporal.Instant.from(instant), zone);
  switch (event.type) {
    case 'ContractDrafted': {
      const { terms } = event.data;
      return `Contract ${terms.contractNo} (${terms.product}) was drafted at ${at(event.data.draftedAt)} for ${yuan(terms.amount)} between ${terms.customer.name} (customer, 甲方) and ${terms.vendor.name} (vendor, 乙方).`;
    }
    case 'CalendarVersionAdopted':
      return `The working-day calendar version ${event.data.version} replaced ${event.data.previousVersion} at ${at(event.data.adoptedAt)}: ${reasonText(event.data.reason)}.`;
    case 'ContractSigned':
      return `${capitalized(PARTY[event.data.party])} signed, by ${event.data.signatory}, at ${at(event.data.signedAt)}.`;
    case 'ContractTookEffect':
      return `The contract took effect at ${at(event.data.effectiveAt)}, both parties having signed (6.2).`;
    case 'InvoiceIssued':
      return `The vendor issued invoice ${event.data.invoiceNo} for ${yuan(event.data.amount)} at ${at(event.data.issuedAt)}.`;
    case 'InvoiceReceived':
      return `The customer received invoice ${event.data.invoiceNo} at ${at(event.data.receivedAt)}.`;
    case 'PaymentReceived':
      return `The vendor received a payment of ${yuan(event.data.amount)} from the customer at ${at(event.data.receivedAt)} (reference ${event.data.reference}).`;
    case 'ServiceActivated':
      return `Service began, the contract amount being paid in full at ${at(event.data.activatedAt)}: the service term runs from ${event.data.start} to ${event.data.end} (3.2, 3.3).`;
    case 'FaultReported':
      return `The customer reported ${event.data.priority} fault ${event.data.faultId} at ${at(event.data.reportedAt)}: "${event.data.description}".`;
    case 'FaultPriorityChanged':
      return `The parties agreed at ${at(event.data.agreedAt)} that fault ${event.data.faultId} is ${event.data.priority} (2.1).`;
    case 'FaultRespondedTo':
      return `The vendor responded to fault ${event.data.faultId} at ${at(event.data.respondedAt)}.`;
    case 'OnsiteVisitRequested':
      return `The customer requested an on-site visit for fault ${event.data.faultId} at ${at(event.data.requestedAt)}.`;
    case 'EngineerArrivedOnsite':
      return `The vendor's engineer arrived on site for fault ${event.data.faultId} at ${at(event.data.arrivedAt)}.`;
    case 'FaultResolved':
      return `The vendor resolved fault ${event.data.faultId} at ${at(event.data.resolvedAt)}: "${event.data.summary}".`;
    case 'InspectionPerformed':
      return `The vendor performed a ${event.data.kind} inspection at ${at(event.data.performedAt)}.`;
    case 'InspectionDeclinedByCustomer':
      return `The customer declined this period's ${event.data.kind} inspection at ${at(event.data.refusedAt)} ("${event.data.reason}"), releasing the vendor from it.`;
    case 'TrainingDelivered':
      return `The vendor delivered training on "${event.data.topic}" at ${at(event.data.deliveredAt)}.`;
    case 'PenaltyAccrued':
      return `Late day ${event.data.lateDay} of obligation ${event.data.obligationId} began at ${at(event.data.dayStartedAt)}: ${PARTY[event.data.party]} owes ${yuan(event.data.amount)} (5.1), ${yuan(event.data.partyTotal)} in all.`;
    case 'PenaltyAccrualReversed':
      return `Late day ${event.data.lateDay} of obligation ${event.data.obligationId} (${yuan(event.data.amount)}, ${PARTY[event.data.party]}) was reversed: ${reasonText(event.data.reason)}.`;
    case 'ContractTerminated':
      return event.data.by === 'penalty-threshold'
        ? `The contract terminated at ${at(event.data.at)} because the penalties of ${partyName(event.data.party)} passed the threshold (5.1).`
        : `The contract was terminated by mutual agreement at ${at(event.data.at)}: ${reasonText(event.data.reason)}.`;
    case 'ContractTerminationRevoked':
      return `The automatic termination of ${at(event.data.at)} was revoked: ${reasonText(event.data.reason)}.`;
    case 'ContractExpired':
      return `The contract expired at ${at(event.data.at)}, its service term having ended.`;
    case 'PenaltySettlementRecorded': {
      const { kind, party, amount, agreedAt, reference } = event.data;
      const what = kind === 'payment' ? `paid ${yuan(amount)} of its accrued penalties` : `${kind === 'waiver' ? 'a waiver' : 'a reduction'} of ${yuan(amount)} of its accrued penalties was agreed`;
      return `${capitalized(PARTY[party])}: ${what} at ${at(agreedAt)} (reference ${reference}; 6.1, Civil Code art. 585).`;
    }
    case 'PartyDataErased':
      return `The confidential details of ${PARTY[event.data.party]} were erased at ${at(event.data.erasedAt)} (5.2): ${reasonText(event.data.reason)}.`;
  }
}
