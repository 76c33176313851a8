import { CONTRACT_STATUSES, type ContractStatus } from '@app/contracts-domain';
import { EnumField, InstantField } from '../../http/field.decorators';

export class GetContractQueryDto {
  @InstantField({ optional: true, description: 'show the contract as its facts stood at this instant (business time)' })
  asOf?: string;

  @InstantField({
    optional: true,
    description: 'show what had been recorded by this instant ("what did we know then"); without asOf, the position at this same instant',
  })
  knownAt?: string;
}

export class ListContractsQueryDto {
  @EnumField(CONTRACT_STATUSES, { optional: true }) status?: ContractStatus;
}
