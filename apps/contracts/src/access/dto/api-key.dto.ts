import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@app/access';
import { EnumField, OrganisationField, Rule, TextField } from '../../http/field.decorators';

export class IssueApiKeyDto {
  @TextField({ example: 'billing-sync', description: 'what the key is for; recorded as the actor of what it does' })
  @Rule('isShortName', (value) => (typeof value === 'string' && value.length > 100 ? 'must be at most 100 characters' : null))
  name: string;

  @EnumField(ROLES, { example: 'integrator' })
  role: Role;

  @OrganisationField({ optional: true, example: 'chuanglian', description: 'the organisation it acts for; required for every role but admin' })
  @ValidateIf((dto: IssueApiKeyDto) => dto.role !== 'admin' || dto.organisation !== undefined)
  organisation?: string;
}

export class ApiKeyResponse {
  @ApiProperty({ example: '3f1c0a9b7e2d4c51' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional({ nullable: true }) organisation: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'the principal that issued it' }) createdBy: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class IssuedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'the key itself: shown only in this response; send it as X-API-Key', example: 'clk_3f1c0a9b7e2d4c51_…' })
  key: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) keys: ApiKeyResponse[];
}
