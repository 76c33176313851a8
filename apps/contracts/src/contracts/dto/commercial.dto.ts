import { AmountField, EnumField, InstantField, TextField } from '../../http/field.decorators';

// Bodies of the commercial commands: signing (6.2), invoices and payment (3.2), termination.

export class SignContractDto {
  @EnumField(['customer', 'vendor'], { description: 'customer = 甲方, vendor = 乙方' }) party: 'customer' | 'vendor';
  @TextField({ example: '张忠强' }) signatory: string;
  @InstantField({ example: '2021-01-15T10:00:00+08:00' }) signedAt: string;
}

export class IssueInvoiceDto {
  @TextField({ example: 'INV-2021-001' }) invoiceNo: string;
  @AmountField({ example: '23000.00' }) amount: string;
  @InstantField({ example: '2021-01-16T10:00:00+08:00' }) issuedAt: string;
}

export class ReceiveInvoiceDto {
  @InstantField({ example: '2021-01-18T10:00:00+08:00' }) receivedAt: string;
}

export class RecordPaymentDto {
  @AmountField({ example: '23000.00' }) amount: string;
  @InstantField({ example: '2021-01-20T10:00:00+08:00', description: 'when the vendor received the money' }) receivedAt: string;
  @TextField({ example: 'BOB-20210120-001', description: 'bank reference' }) reference: string;
}

export class TerminateByAgreementDto {
  @TextField({ example: 'both parties agree to end the service' }) reason: string;
  @InstantField({ example: '2021-06-01T10:00:00+08:00' }) agreedAt: string;
}
