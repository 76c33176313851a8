import { Rule, TextField } from '../http/field.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PartyDataErasureDto {
  @TextField({ example: 'data subject request under PIPL art. 47, ticket LEGAL-2024-031', description: 'why; recorded in the event, never published' })
  reason: string;
}

export class AccessLogQueryDto {
  @TextField({ optional: true, description: 'only the reveals of this contract (its id, a UUID)' })
  @Rule('isContractId', (value) => (typeof value === 'string' && !UUID.test(value) ? 'must be a contract id (a UUID)' : null))
  contractId?: string;
}
