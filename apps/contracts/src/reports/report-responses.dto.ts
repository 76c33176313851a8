import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTRACT_STATUSES } from '@app/contracts-domain';

// The reports' shapes for the OpenAPI document. The domain's report types are what the handlers
// return; these classes only describe them.

const PARTIES = ['customer', 'vendor'];

class ContractRefResponse {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: 'XPFK-BC-2021' }) contractNo: string;
  @ApiProperty() product: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: string;
}

class TerminationResponse {
  @ApiProperty({ enum: ['penalty-threshold', 'mutual-agreement'] }) by: string;
  @ApiProperty({ enum: PARTIES, nullable: true, type: String }) party: string | null;
  @ApiProperty({ example: '2021-08-11T00:00:00+08:00' }) at: string;
}

export class TerminationRiskRowResponse extends ContractRefResponse {
  @ApiProperty({ enum: PARTIES }) party: string;
  @ApiProperty({ description: 'the party as the contract names it' }) partyName: string;
  @ApiProperty({ example: 150 }) lateDays: number;
  @ApiProperty({ example: '3450.00', description: 'accrued under 5.1 (what termination is judged on)' }) accrued: string;
  @ApiProperty({ example: '3450.00', description: 'accrued − waived − settled' }) outstanding: string;
  @ApiProperty({ example: '4600.00', description: 'terminationThreshold × amount' }) threshold: string;
  @ApiProperty({ example: '75.00', description: 'accrued as a percentage of the threshold, two decimals, rounded down' }) shareOfThreshold: string;
  @ApiProperty({ example: 51, nullable: true, type: Number, description: 'late days still to go until the total EXCEEDS the threshold; null once terminated' })
  lateDaysToTermination: number | null;
  @ApiProperty({ type: TerminationResponse, nullable: true }) termination: TerminationResponse | null;
}

export class TerminationRiskResponse {
  @ApiProperty({ example: '2021-06-21T00:00:00+08:00' }) asOf: string;
  @ApiProperty({ example: '75.00' }) watchShare: string;
  @ApiProperty({ type: [TerminationRiskRowResponse], description: 'not terminated, at or above the watch share; highest share first' })
  approaching: TerminationRiskRowResponse[];
  @ApiProperty({ type: [TerminationRiskRowResponse] }) terminated: TerminationRiskRowResponse[];
}

class PeriodResponse {
  @ApiProperty({ example: '2023-05-10' }) start: string;
  @ApiProperty({ example: '2023-11-09', description: 'last day, inclusive' }) end: string;
}

export class OverdueObligationRowResponse extends ContractRefResponse {
  @ApiProperty({ example: 'payment' }) obligationId: string;
  @ApiProperty({ enum: ['payment', 'fault-response', 'onsite-arrival', 'inspection', 'training'] }) kind: string;
  @ApiPropertyOptional() faultId?: string;
  @ApiPropertyOptional({ enum: ['remote', 'onsite'] }) inspectionKind?: string;
  @ApiPropertyOptional({ type: PeriodResponse }) period?: PeriodResponse;
  @ApiProperty({ example: '2021-01-23T00:00:00+08:00' }) deadline: string;
  @ApiPropertyOptional({ example: '2021-01-22', description: 'payment: the last day to pay' }) dueDate?: string;
  @ApiProperty({ example: 10, description: 'late days started by asOf' }) daysOverdue: number;
  @ApiProperty({ example: 10, description: 'late days charged (none after a termination)' }) lateDaysCharged: number;
  @ApiProperty({ example: '230.00' }) penalty: string;
}

class PartyOverdueResponse {
  @ApiProperty() count: number;
  @ApiProperty({ example: '230.00' }) penalty: string;
  @ApiProperty({ type: [OverdueObligationRowResponse], description: 'oldest deadline first' }) obligations: OverdueObligationRowResponse[];
}

class OverdueByPartyResponse {
  @ApiProperty({ type: PartyOverdueResponse }) customer: PartyOverdueResponse;
  @ApiProperty({ type: PartyOverdueResponse }) vendor: PartyOverdueResponse;
}

export class OverdueObligationsResponse {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: OverdueByPartyResponse }) byParty: OverdueByPartyResponse;
}

class LateAnswerResponse {
  @ApiProperty() faultId: string;
  @ApiProperty() deadline: string;
  @ApiProperty() metAt: string;
  @ApiProperty({ example: 'PT30M', description: 'ISO 8601 duration past the deadline' }) delay: string;
  @ApiProperty() lateDays: number;
  @ApiProperty({ example: '20.00' }) penalty: string;
}

class ClockComplianceResponse {
  @ApiProperty() faults: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() openWithinDeadline: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: 'unanswered, but the contract ended before the deadline' }) lapsed: number;
  @ApiProperty({ example: '50.00', nullable: true, type: String, description: 'onTime / (onTime + late + overdue), rounded down' }) onTimeShare: string | null;
  @ApiProperty({ type: [LateAnswerResponse] }) lateAnswers: LateAnswerResponse[];
}

class PriorityComplianceResponse {
  @ApiProperty({ enum: ['P1', 'P2'] }) priority: string;
  @ApiProperty({ example: 1 }) responseHours: number;
  @ApiProperty({ type: ClockComplianceResponse }) response: ClockComplianceResponse;
  @ApiProperty({ type: ClockComplianceResponse, nullable: true, description: 'null when the level has no on-site service' }) onsiteArrival: ClockComplianceResponse | null;
}

class ContractResponseTimesResponse extends ContractRefResponse {
  @ApiProperty({ example: 'ITiMe/regular', nullable: true, type: String }) slaPreset: string | null;
  @ApiProperty({ enum: ['5x8', '7x8', '7x24'] }) serviceWindow: string;
  @ApiProperty({ type: [PriorityComplianceResponse] }) priorities: PriorityComplianceResponse[];
}

export class ResponseTimesResponse {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [ContractResponseTimesResponse], description: 'contracts with a response clock' }) contracts: ContractResponseTimesResponse[];
}

class MissedPeriodResponse {
  @ApiProperty({ example: 'inspection:onsite:1' }) obligationId: string;
  @ApiProperty({ type: PeriodResponse }) period: PeriodResponse;
  @ApiProperty() deadline: string;
  @ApiProperty() daysOverdue: number;
  @ApiProperty() lateDaysCharged: number;
  @ApiProperty({ example: '220.00' }) penalty: string;
}

class QuotaComplianceResponse {
  @ApiProperty({ enum: ['remote-inspection', 'onsite-inspection', 'training'] }) line: string;
  @ApiProperty() perYear: number;
  @ApiProperty() periods: number;
  @ApiProperty({ description: 'periods whose end has passed by asOf' }) dueSoFar: number;
  @ApiProperty() metOnTime: number;
  @ApiProperty({ description: 'a make-up of a missed period' }) metLate: number;
  @ApiProperty({ description: 'declined by the customer' }) released: number;
  @ApiProperty({ description: 'ended, not done, not released' }) missed: number;
  @ApiProperty() open: number;
  @ApiProperty() lapsed: number;
  @ApiProperty({ type: [MissedPeriodResponse] }) missedPeriods: MissedPeriodResponse[];
}

class ContractInspectionQuotasResponse extends ContractRefResponse {
  @ApiProperty({ type: PeriodResponse, nullable: true }) service: PeriodResponse | null;
  @ApiProperty({ type: [QuotaComplianceResponse] }) lines: QuotaComplianceResponse[];
}

export class InspectionQuotasResponse {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [ContractInspectionQuotasResponse], description: 'contracts with at least one quota' }) contracts: ContractInspectionQuotasResponse[];
}
