import type { ContractCommand } from '../contract.commands';
import type { ContractEvent } from '../contract.events';
import { type ContractState, paidFen } from '../contract.state';
import { conflict, invalid, notFound } from '../errors';
import { formatAmount, InvalidMoneyError, parseAmount } from '../money/money';
import { paidInFullAt } from '../obligations/obligations';
import { Temporal } from '../temporal';
import { termStartsOnPayment } from '../terms/contract-terms';
import { formatInstant, localDateOf } from '../time';
import { businessTime, type DecideContext, notBefore, requireEffective, requireText } from './decide-context';

// Signing, invoicing, payment and termination by agreement: the commercial side of the contract.

type Of<T extends ContractCommand['type']> = Extract<ContractCommand, { type: T }>;

export function sign(cmd: Of<'SignContract'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const zone = state.terms.timeZone;
  if (state.signatures[cmd.party]) throw conflict('already-signed', `the ${cmd.party} has already signed this contract`, 'party');
  const signedAt = businessTime(cmd.signedAt, 'signedAt', zone, ctx);
  const signed: ContractEvent = {
    type: 'ContractSigned',
    data: { party: cmd.party, signatory: requireText(cmd.signatory, 'signatory', 200), signedAt: signedAt.text },
  };
  const other = state.signatures[cmd.party === 'customer' ? 'vendor' : 'customer'];
  if (!other) return [signed];
  // 6.2: in force when both have signed, that is at the later of the two signatures.
  const effective = Temporal.Instant.compare(signedAt.instant, Temporal.Instant.from(other.signedAt)) >= 0 ? signedAt.text : other.signedAt;
  return [signed, { type: 'ContractTookEffect', data: { effectiveAt: effective } }];
}

export function issueInvoice(cmd: Of<'IssueInvoice'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  requireEffective(state, 'issue an invoice');
  const invoiceNo = addressableInvoiceNo(requireText(cmd.invoiceNo, 'invoiceNo', 100));
  if (state.invoices.has(invoiceNo)) throw conflict('duplicate-invoice', `invoice ${invoiceNo} has already been issued`, 'invoiceNo');
  const amount = amountOf(cmd.amount, 'amount');
  const invoiced = [...state.invoices.values()].reduce((sum, i) => sum + i.amount, 0n);
  if (invoiced + amount > state.amount) {
    throw conflict('over-invoiced', `invoices would total more than the contract amount ${state.terms.amount} (already invoiced ${formatAmount(invoiced)})`, 'amount');
  }
  const issuedAt = businessTime(cmd.issuedAt, 'issuedAt', state.terms.timeZone, ctx);
  return [{ type: 'InvoiceIssued', data: { invoiceNo, amount: formatAmount(amount), issuedAt: issuedAt.text } }];
}

export function receiveInvoice(cmd: Of<'ReceiveInvoice'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  const invoice = state.invoices.get(cmd.invoiceNo);
  if (!invoice) throw notFound('unknown-invoice', `no invoice ${cmd.invoiceNo} was issued under this contract`, 'invoiceNo');
  if (invoice.receivedAt) throw conflict('already-received', `invoice ${cmd.invoiceNo} was already received at ${invoice.receivedAt}`);
  const receivedAt = businessTime(cmd.receivedAt, 'receivedAt', state.terms.timeZone, ctx);
  notBefore(receivedAt.instant, invoice.issuedAt, 'receivedAt', 'the invoice was issued');
  return [{ type: 'InvoiceReceived', data: { invoiceNo: cmd.invoiceNo, receivedAt: receivedAt.text } }];
}

export function recordPayment(cmd: Of<'RecordPayment'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  requireEffective(state, 'record a payment');
  const amount = amountOf(cmd.amount, 'amount');
  const outstanding = state.amount - paidFen(state);
  if (amount > outstanding) {
    throw conflict('overpayment', `the payment of ${formatAmount(amount)} is more than the ${formatAmount(outstanding)} outstanding`, 'amount');
  }
  const receivedAt = businessTime(cmd.receivedAt, 'receivedAt', state.terms.timeZone, ctx);
  const reference = requireText(cmd.reference, 'reference', 200);
  const paid: ContractEvent = { type: 'PaymentReceived', data: { amount: formatAmount(amount), receivedAt: receivedAt.text, reference } };
  if (amount < outstanding) return [paid];
  return [paid, activation(state, [...state.payments, { amount, receivedAt: receivedAt.text, reference }])];
}

/** 3.2/3.3: paid in full → service starts; a "from payment" term runs N months from that day. */
function activation(state: ContractState, payments: ContractState['payments']): ContractEvent {
  const zone = state.terms.timeZone;
  const at = paidInFullAt({ ...state, payments })!;
  const term = state.terms.serviceTerm;
  const dates = termStartsOnPayment(term)
    ? { start: localDateOf(at, zone), end: localDateOf(at, zone).add({ months: term.months }).subtract({ days: 1 }) }
    : { start: Temporal.PlainDate.from(term.start), end: Temporal.PlainDate.from(term.end) };
  return { type: 'ServiceActivated', data: { activatedAt: formatInstant(at, zone), start: dates.start.toString(), end: dates.end.toString() } };
}

export function terminateByAgreement(cmd: Of<'TerminateByAgreement'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  requireEffective(state, 'terminate by agreement');
  const agreedAt = businessTime(cmd.agreedAt, 'agreedAt', state.terms.timeZone, ctx);
  notBefore(agreedAt.instant, state.effectiveAt, 'agreedAt', 'the contract took effect');
  const reason = requireText(cmd.reason, 'reason', 2_000);
  return [{ type: 'ContractTerminated', data: { by: 'mutual-agreement', reason, party: null, at: agreedAt.text } }];
}

/**
 * The receipt is recorded at /invoices/{invoiceNo}/receipt, so a number that cannot travel in a
 * URL path segment would be an invoice no one could ever mark received (and the payment clock of
 * an invoice-receipt contract would never start).
 */
function addressableInvoiceNo(invoiceNo: string): string {
  const wellFormed = !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(invoiceNo);
  if (!wellFormed || /[\/\\\u0000-\u001f\u007f]/.test(invoiceNo) || invoiceNo === '.' || invoiceNo === '..' || invoiceNo.trim() !== invoiceNo) {
    throw invalid('invalid-invoice-no', 'invoiceNo must be printable text without slashes, control characters or surrounding spaces, and not "." or ".."', 'invoiceNo');
  }
  return invoiceNo;
}

function amountOf(text: string, field: string) {
  try {
    const fen = parseAmount(text);
    if (fen <= 0n) throw new InvalidMoneyError('amount must be more than zero');
    return fen;
  } catch (error) {
    if (error instanceof InvalidMoneyError) throw invalid('invalid-amount', error.message, field);
    throw error;
  }
}
