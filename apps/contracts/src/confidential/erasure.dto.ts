import { TextField } from '../http/field.decorators';

export class PartyDataErasureDto {
  @TextField({ example: 'data subject request under PIPL art. 47, ticket LEGAL-2024-031', description: 'why; recorded in the event, never published' })
  reason: string;
}

export class AccessLogQueryDto {
  @TextField({ optional: true, description: 'only the reveals of this contract' })
  contractId?: string;
}
