import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator, isPermission, mayAccessContract, NotAuthenticated, type Principal, roleMay } from '@app/access';
import { ProblemException } from '../http/problem-details';
import type { HttpResponse } from '../http/http-types';
import { ContractParties } from './contract-parties';
import { PERMISSION_KEY, PUBLIC_KEY } from './requires.decorator';

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

interface GuardedRequest {
  principal?: Principal;
  params?: Record<string, string>;
  route?: { path?: string };
  header(name: string): string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every route, in order: who is asking (401 if unproven), may that role do this (403), and for a
 * contract's own routes, is the contract theirs. A contract of another organisation answers 404,
 * exactly like one that does not exist, so ids cannot be probed. A route that names no permission
 * is refused: forgetting the decorator must fail closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    private readonly parties: ContractParties,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const permission = this.reflector.getAllAndOverride<unknown>(PERMISSION_KEY, targets);
    if (!isPermission(permission)) {
      this.logger.error(`route ${request.route?.path ?? '?'} declares no permission; refused`);
      throw new ProblemException(403, 'forbidden', 'this route is not open to any role');
    }
    const principal = await this.authenticate(request, http.getResponse<HttpResponse>());
    request.principal = principal;
    if (!roleMay(principal.role, permission)) {
      throw new ProblemException(403, 'forbidden', `the ${principal.role} role may not do this (${permission})`);
    }
    const contractId = this.contractIdOf(request);
    // A contract that does not exist yet is left to the route (drafting has no id in its path).
    if (contractId !== undefined && principal.role !== 'admin') {
      const organisations = await this.parties.of(contractId);
      if (organisations && !mayAccessContract(principal, [organisations.customer, organisations.vendor])) {
        throw new ProblemException(404, 'unknown-contract', 'no contract with this id');
      }
    }
    return true;
  }

  private async authenticate(request: GuardedRequest, response: HttpResponse): Promise<Principal> {
    try {
      return await this.authenticator.authenticate({ apiKey: request.header('X-API-Key') ?? undefined, authorization: request.header('Authorization') ?? undefined });
    } catch (error) {
      if (!(error instanceof NotAuthenticated)) throw error;
      response.setHeader('WWW-Authenticate', 'Bearer realm="contracts", ApiKey header="X-API-Key"');
      throw new ProblemException(401, 'not-authenticated', error.message);
    }
  }

  /** The contract a /contracts/:id/… route is about; a malformed id is left to the route's own 404. */
  private contractIdOf(request: GuardedRequest): string | undefined {
    if (!request.route?.path?.startsWith('/contracts/:id')) return undefined;
    const id = request.params?.id;
    return id !== undefined && UUID.test(id) ? id : undefined;
  }
}
