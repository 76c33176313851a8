import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import { SLA_PRESETS } from '@app/contracts-domain';
import { AmountField, ClockTimeField, EnumField, ExactlyOneWith, LocalDateField, NestedField, NumberField, OrganisationField, Rule, TextField } from '../../http/field.decorators';

// The body of POST /contracts: the terms a contract is signed with (examples/contracts/*.json).

export class PartyDetailsDto {
  @OrganisationField({
    optional: true,
    example: 'itime',
    description: "the party's organisation id, as API keys and tokens name it: principals of this organisation see the contract. Required unless an admin drafts",
  })
  organisation?: string;
  @TextField({ example: '北京创联致信科技有限公司' }) name: string;
  @TextField({ example: '91110108596007659D' }) taxId: string;
  @TextField({ example: '中国民生银行股份有限公司北京东二环支行' }) bank: string;
  @TextField({ example: '0148012830000756' }) account: string;
  @TextField({ example: '北京市海淀区苏州街3号509-36' }) address: string;
  @TextField({ example: '010-82746952' }) phone: string;
  @TextField({ example: '张忠强' }) representative: string;
}

export class ResponseHoursDto {
  @NumberField({ positive: true, example: 2, description: 'hours to respond to a priority-1 fault, counted inside the service window (2.1)' })
  P1: number;

  @NumberField({ positive: true, example: 4, description: 'hours to respond to a priority-2 fault' })
  P2: number;
}

export class ServiceWindowDto {
  @EnumField(['5x8', '7x8', '7x24'], { description: '5x8: working days only; 7x8: every day; 7x24: round the clock' })
  kind: '5x8' | '7x8' | '7x24';

  @ClockTimeField({ optional: true, example: '09:00', description: 'opens (contract time zone); default 09:00' })
  from?: string;

  @ClockTimeField({ optional: true, example: '17:00', description: 'closes; default 17:00' })
  to?: string;
}

export class OnsiteArrivalHoursDto {
  @NumberField({ positive: true, example: 2, description: "hours to arrive inside Beijing's 5th ring road" })
  local: number;

  @NumberField({ positive: true, example: 12, description: 'hours to arrive elsewhere' })
  outOfTown: number;
}

const QUOTA = { integer: true, min: 0, example: 2, description: 'per contract year; 0, 1, 2, 3, 4, 6 or 12' } as const;

export class SlaDto {
  @ValidateIf((_, value) => value !== null)
  @NestedField(() => ResponseHoursDto, { nullable: true, description: 'null: no response clock (resident engineer)' })
  responseHours: ResponseHoursDto | null;

  @NestedField(() => ServiceWindowDto)
  serviceWindow: ServiceWindowDto;

  @ValidateIf((_, value) => value !== null)
  @NestedField(() => OnsiteArrivalHoursDto, { nullable: true, description: 'null: the level includes no on-site service' })
  onsiteArrivalHours: OnsiteArrivalHoursDto | null;

  @NumberField(QUOTA) remoteInspectionsPerYear: number;
  @NumberField(QUOTA) onsiteInspectionsPerYear: number;
  @NumberField(QUOTA) trainingsPerYear: number;
}

export class PaymentTermsDto {
  @EnumField(['signing', 'invoice-receipt'], { description: '3.2: what starts the payment clock' })
  trigger: 'signing' | 'invoice-receipt';

  @NumberField({ integer: true, min: 1, example: 5, description: 'working days (Chinese calendar) the customer has to pay' })
  workingDays: number;
}

/** Either fixed dates {start, end} (BasicCall 3.3) or {startsOnPayment: true, months} (ITiMe 3.3). */
export class ServiceTermDto {
  @ValidateIf((o: ServiceTermDto) => o.startsOnPayment === undefined || o.start !== undefined)
  @ExactlyOneWith('startsOnPayment')
  @LocalDateField({ alternative: true, description: 'first day of service (inclusive)' })
  start?: string;

  @ValidateIf((o: ServiceTermDto) => o.startsOnPayment === undefined || o.end !== undefined)
  @ExactlyOneWith('startsOnPayment')
  @LocalDateField({ alternative: true, example: '2022-01-20', description: 'last day of service (inclusive)' })
  end?: string;

  @ApiPropertyOptional({ enum: [true], description: 'the term starts on the day of full payment' })
  @IsOptional()
  @Rule('isTrue', (value) => (value === true ? null : 'must be true (or left out for a term with fixed dates)'))
  startsOnPayment?: true;

  @ValidateIf((o: ServiceTermDto) => o.startsOnPayment !== undefined || o.months !== undefined)
  @NumberField({ alternative: true, integer: true, min: 1, example: 12, description: 'with startsOnPayment: length of the term in months' })
  months?: number;
}

export class PenaltyPolicyDto {
  @TextField({ example: '0.001', description: '5.1: share of the contract amount per late day' })
  dailyRate: string;

  @TextField({ example: '0.20', description: '5.1: the contract ends once a party\'s penalties exceed this share' })
  terminationThreshold: string;
}

export const SLA_PRESET_NAMES = Object.keys(SLA_PRESETS);

export class DraftContractDto {
  @TextField({ example: 'XPFK-BC-2021' }) contractNo: string;
  @TextField({ example: 'BasicCall 平台软件' }) product: string;
  @NestedField(() => PartyDetailsDto, { description: '甲方' }) customer: PartyDetailsDto;
  @NestedField(() => PartyDetailsDto, { description: '乙方' }) vendor: PartyDetailsDto;
  @AmountField({ example: '23000.00' }) amount: string;
  @EnumField(['local', 'out-of-town'], { description: 'inside Beijing\'s 5th ring road, or elsewhere' }) site: 'local' | 'out-of-town';
  @TextField({ optional: true, example: 'Asia/Shanghai', description: 'IANA zone; default Asia/Shanghai' }) timeZone?: string;

  @NestedField(() => SlaDto, { optional: true, description: 'the concrete service level; give this or slaPreset' })
  sla?: SlaDto;

  @ValidateIf((o: DraftContractDto) => o.slaPreset !== undefined || o.sla === undefined)
  @ExactlyOneWith('sla')
  @EnumField(SLA_PRESET_NAMES, { alternative: true, description: 'a section-1 level copied into the terms; give this or sla' })
  slaPreset?: string;

  @NestedField(() => PaymentTermsDto) paymentTerms: PaymentTermsDto;
  @NestedField(() => ServiceTermDto) serviceTerm: ServiceTermDto;
  @NestedField(() => PenaltyPolicyDto, { optional: true, description: 'default {"dailyRate":"0.001","terminationThreshold":"0.20"}' })
  penaltyPolicy?: PenaltyPolicyDto;
}
