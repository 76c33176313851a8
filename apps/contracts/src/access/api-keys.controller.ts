import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ApiKeyRecord, type ApiKeyStore, Authenticator, generateApiKey, type Principal } from '@app/access';
import { Clock } from '../clock';
import { ApiProblems } from '../http/api-docs.decorators';
import type { HttpResponse } from '../http/http-types';
import { ProblemException } from '../http/problem-details';
import { AUTHENTICATOR } from './access.guard';
import { ApiKeyListResponse, type ApiKeyResponse, IssueApiKeyDto, IssuedApiKeyResponse } from './dto/api-key.dto';
import { CurrentPrincipal, Requires } from './requires.decorator';

export const API_KEY_STORE = Symbol('API_KEY_STORE');

const view = ({ secretHash: _hash, ...record }: ApiKeyRecord): ApiKeyResponse => record;

@ApiTags('access')
@Controller('api-keys')
export class ApiKeysController {
  constructor(
    @Inject(API_KEY_STORE) private readonly keys: ApiKeyStore,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Requires('api-keys.manage')
  @ApiOperation({ summary: 'Issue an API key for a system (admin only); the key is shown once, only its hash is kept' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  @ApiProblems(400)
  async issue(@Body() body: IssueApiKeyDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HttpResponse): Promise<IssuedApiKeyResponse> {
    if (body.role !== 'admin' && body.organisation === undefined) {
      throw new ProblemException(400, 'invalid-request', 'every role but admin belongs to an organisation', [{ field: 'organisation', message: 'organisation is required for this role' }]);
    }
    const { key, id, secretHash } = generateApiKey();
    const record: ApiKeyRecord = {
      id,
      name: body.name,
      role: body.role,
      organisation: body.organisation ?? null,
      secretHash,
      createdAt: this.clock.now().toString(),
      createdBy: principal.id,
      revokedAt: null,
    };
    await this.keys.put(record);
    response.setHeader('Location', `/api-keys/${id}`);
    response.setHeader('Cache-Control', 'no-store');
    return { ...view(record), key };
  }

  @Get()
  @Requires('api-keys.manage')
  @ApiOperation({ summary: 'Every key issued, revoked ones included; never the keys themselves' })
  @ApiOkResponse({ type: ApiKeyListResponse })
  async list(): Promise<ApiKeyListResponse> {
    return { keys: (await this.keys.list()).map(view) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Requires('api-keys.manage')
  @ApiOperation({ summary: 'Revoke a key: refused at once on this instance, within 10 s on the others' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async revoke(@Param('keyId') keyId: string): Promise<void> {
    if (!/^[0-9a-f]{16}$/.test(keyId) || !(await this.keys.revoke(keyId, this.clock.now().toString()))) {
      throw new ProblemException(404, 'unknown-api-key', 'no active API key with this id');
    }
    this.authenticator.forget(keyId);
  }
}
