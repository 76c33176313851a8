import { ApiProperty } from '@nestjs/swagger';
import { REMOTE_INSPECTION_CHECKLIST } from '@app/contracts-domain';
import { EnumField, InstantField, Required, TextField } from '../../http/field.decorators';

// Bodies of inspections (2.4) and trainings (2.5).

const KINDS = ['remote', 'onsite'] as const;

export class RecordInspectionDto {
  @EnumField(KINDS) kind: 'remote' | 'onsite';
  @InstantField({ example: '2021-04-01T10:00:00+08:00' }) performedAt: string;

  @ApiProperty({ type: [String], example: REMOTE_INSPECTION_CHECKLIST, description: 'a remote inspection covers every item of 2.4' })
  @Required('isTextList', (value) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? null : 'must be a list of strings'))
  checklist: string[];

  @TextField({ example: 'no alarms; call traffic normal' }) report: string;
}

export class RecordInspectionRefusalDto {
  @EnumField(KINDS) kind: 'remote' | 'onsite';
  @InstantField() refusedAt: string;
  @TextField({ example: 'customer withheld remote access this quarter' }) reason: string;
}

export class RecordTrainingDto {
  @InstantField() deliveredAt: string;
  @TextField({ example: 'operating the switch solution' }) topic: string;
}
