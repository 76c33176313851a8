import { AmountField, EnumField, InstantField, TextField } from '../http/field.decorators';

// Bodies of the ledger commands: settling accrued penalties (6.1; art. 585) and moving a contract
// to a newer working-day calendar version.

export class RecordPenaltySettlementDto {
  @EnumField(['customer', 'vendor'], { description: 'the late party whose accrued penalties are settled: customer = 甲方, vendor = 乙方' })
  party: 'customer' | 'vendor';

  @EnumField(['waiver', 'reduction', 'payment'], { description: 'waiver or reduction: given up by agreement (or reduced by a court, art. 585); payment: paid by the late party' })
  kind: 'waiver' | 'reduction' | 'payment';

  @AmountField({ example: '230.00', description: 'at most what the party still owes in penalties' })
  amount: string;

  @InstantField({ example: '2021-02-10T10:00:00+08:00', description: 'when the parties agreed (or the court ruled, or the money arrived)' })
  agreedAt: string;

  @TextField({ example: '补充协议 2021-02-10', description: 'the agreement, ruling or bank reference it rests on' })
  reference: string;

  @TextField({ optional: true, example: 'goodwill after the late payment was explained' })
  note?: string;
}

export class AdoptCalendarVersionDto {
  @TextField({ example: '2020-2026', description: 'a version listed by GET /calendars' })
  version: string;

  @TextField({ example: 'the 2027 notice was published', description: 'why the contract moves to this version; recorded with it' })
  reason: string;
}
