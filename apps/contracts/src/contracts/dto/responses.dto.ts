import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTRACT_STATUSES } from '@app/contracts-domain';

// Response shapes, for the OpenAPI document only: handlers return the domain's types.

export class FieldErrorResponse {
  @ApiProperty({ example: 'customer.taxId' }) field: string;
  @ApiProperty({ example: 'taxId should not be empty' }) message: string;
}

export class ProblemResponse {
  @ApiProperty({ example: '/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'The request has 1 invalid field.' }) detail: string;
  @ApiPropertyOptional({ example: '/contracts' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldErrorResponse[];
}

export class ContractCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 0, description: 'stream revision; also sent as ETag' }) revision: number;
}

export class CommandAcceptedResponse {
  @ApiProperty({ example: 3 }) revision: number;
  @ApiProperty({ type: [String], example: ['PaymentReceived', 'ServiceActivated'], description: 'types of the events appended' })
  events: string[];
}

export class FaultReportedResponse extends CommandAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) faultId: string;
}

export class ContractAccrualResponse extends CommandAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 201, description: 'how many events this accrual appended (0 when already up to date)' }) appended: number;
}

export class AccrualFailureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty() detail: string;
}

export class AccrualRunResponse {
  @ApiProperty({ example: 2, description: 'contracts examined: those with a late day or a term end due by asOf, plus any the read models have not projected yet' })
  contracts: number;
  @ApiProperty({ example: 14, description: 'events appended across them' }) appended: number;
  @ApiProperty({ type: [AccrualFailureResponse] }) failures: AccrualFailureResponse[];
}

export class ContractSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'XPFK-BC-2021' }) contractNo: string;
  @ApiProperty() product: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: string;
  @ApiProperty({ example: '23000.00' }) amount: string;
  @ApiProperty() customer: string;
  @ApiProperty() vendor: string;
  @ApiProperty() revision: number;
}

export class ContractListResponse {
  @ApiProperty({ type: [ContractSummaryResponse] }) items: ContractSummaryResponse[];
}

export class ContractViewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() contractNo: string;
  @ApiProperty() product: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: string;
  @ApiProperty({ example: '23000.00' }) amount: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ example: { customer: '北京创联致信科技有限公司', vendor: '北京信普飞科科技有限公司' } }) parties: Record<string, string>;
  @ApiProperty({ description: 'per party: signatory and signedAt' }) signatures: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) effectiveAt: string | null;
  @ApiProperty({ description: 'dueDate, dueDateProvisional, paid, outstanding, paidInFullAt' }) payment: Record<string, unknown>;
  @ApiProperty({ description: 'activatedAt, start, end' }) service: Record<string, unknown>;
  @ApiProperty({
    description: 'accrued totals per party, the threshold, late days, and balances per party (accrued, waived, settled, outstanding)',
    example: {
      customer: '4600.00',
      vendor: '0.00',
      threshold: '4600.00',
      lateDays: { customer: 200, vendor: 0 },
      balances: { customer: { accrued: '4600.00', waived: '0.00', settled: '0.00', outstanding: '4600.00' }, vendor: { accrued: '0.00', waived: '0.00', settled: '0.00', outstanding: '0.00' } },
    },
  })
  penalties: Record<string, unknown>;
  @ApiProperty({ nullable: true, description: 'reason, by (penalty-threshold | mutual-agreement), party, at' })
  termination: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) expiredAt: string | null;
  @ApiProperty({ example: { id: 'cn-state-council', version: '2020-2026' }, description: 'the working-day calendar version every deadline here was computed with' })
  calendar: { id: string; version: string };
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'each obligation with its deadline, status, late days and penalty' })
  obligations: Record<string, unknown>[];
  @ApiProperty({ description: 'the concrete terms stored when the contract was drafted' }) terms: Record<string, unknown>;
  @ApiProperty({ description: 'current stream revision (also the ETag)' }) revision: number;
  @ApiProperty({ description: 'the instant the view describes' }) asOf: string;
  @ApiPropertyOptional({ description: 'with ?knownAt: the recording instant whose knowledge the view shows' }) knownAt?: string;
  @ApiPropertyOptional({ description: 'with ?knownAt: how many of the stream\'s events had been recorded by then' }) eventsKnown?: number;
}

export class StoredEventResponse {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty() revision: number;
  @ApiProperty({ example: '42', description: 'global position (64-bit, as a string)' }) position: string;
  @ApiProperty({ example: 'PenaltyAccrued' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: unknown;
  @ApiProperty({ description: 'occurredAt, recordedAt, commandId, correlationId, actor, schemaVersion, commandType, hashAlgorithm, prevHash, hash' })
  metadata: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) storedAt: string;
}

export class StoredEventListResponse {
  @ApiProperty({ type: [StoredEventResponse] }) items: StoredEventResponse[];
}

export class HealthResponse {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'embedded PGlite at data/event-store' }) store: string;
}
