import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnumField, InstantField } from '../http/field.decorators';

export class ObligationsDueQueryDto {
  @InstantField({ description: 'obligations whose deadline is strictly before this instant and that are still unmet' })
  dueBefore: string;

  @EnumField(['customer', 'vendor'], { optional: true, description: 'only what this party owes' })
  party?: 'customer' | 'vendor';
}

export class DueObligationResponse {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: 'XPFK-BC-2021' }) contractNo: string;
  @ApiProperty({ example: 'payment' }) obligationId: string;
  @ApiProperty({ enum: ['payment', 'fault-response', 'onsite-arrival', 'inspection', 'training'] }) kind: string;
  @ApiProperty({ enum: ['customer', 'vendor'] }) party: string;
  @ApiProperty({ example: '2021-01-23T00:00:00+08:00', description: "in the contract's time zone (a date deadline ends at the next midnight)" }) deadline: string;
  @ApiProperty({ example: 200, description: 'late days recorded so far' }) lateDays: number;
  @ApiProperty({ example: '4600.00', description: 'penalty recorded so far for this obligation' }) penalty: string;
}

export class DueObligationListResponse {
  @ApiProperty({ type: [DueObligationResponse] }) items: DueObligationResponse[];
}

export class RebuildResponse {
  @ApiPropertyOptional({ example: '1206', type: String, nullable: true, description: 'the last position the rebuilt read models cover (null: no events)' })
  position: string | null;
}
