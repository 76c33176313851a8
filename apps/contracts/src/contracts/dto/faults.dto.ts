import { EnumField, InstantField, TextField } from '../../http/field.decorators';

// Bodies of the fault commands (2.1: priorities, response and on-site clocks).

const PRIORITIES = ['P1', 'P2'] as const;

export class ReportFaultDto {
  @EnumField(PRIORITIES, { description: 'P1: major impact; P2: minor impact (2.1)' }) priority: 'P1' | 'P2';
  @InstantField({ example: '2021-03-01T10:00:00+08:00' }) reportedAt: string;
  @TextField({ example: 'call routing down on the switch' }) description: string;
}

export class ChangeFaultPriorityDto {
  @EnumField(PRIORITIES) priority: 'P1' | 'P2';
  @InstantField({ description: 'when both parties agreed the new priority' }) agreedAt: string;
}

export class RecordFaultResponseDto {
  @InstantField() respondedAt: string;
}

export class RequestOnsiteVisitDto {
  @InstantField() requestedAt: string;
}

export class RecordEngineerArrivalDto {
  @InstantField() arrivedAt: string;
}

export class ResolveFaultDto {
  @InstantField() resolvedAt: string;
  @TextField({ example: 'restarted the routing service; root cause in the trunk config' }) summary: string;
}
