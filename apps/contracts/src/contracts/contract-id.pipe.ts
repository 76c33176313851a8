import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../http/problem-details';

/** Contract ids are server-made UUIDs, so anything else names no contract: 404, not 400. */
export const ContractIdParam = () =>
  Param('id', new ParseUUIDPipe({ exceptionFactory: () => new ProblemException(404, 'unknown-contract', 'no contract with this id') }));
