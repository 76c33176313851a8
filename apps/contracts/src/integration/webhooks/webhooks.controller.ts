import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../http/api-docs.decorators';
import type { HttpResponse } from '../../http/http-types';
import { ProblemException } from '../../http/problem-details';
import { RegisterWebhookDto } from './dto/register-webhook.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { DeliveryListQueryDto, DeliveryLogQueryDto, limitOf } from './dto/webhook-queries.dto';
import {
  DeadLetterListResponse,
  DeliveryLogResponse,
  RedeliveryResponse,
  RegisteredWebhookResponse,
  WebhookDeliveryListResponse,
  WebhookListResponse,
  WebhookResponse,
} from './dto/webhook-responses.dto';
import { WebhookEndpoints } from './webhook-endpoints';
import { attemptView, deliveryView, endpointView } from './webhook-views';
import type { Principal } from '@app/access';
import type { WebhookEndpoint } from '@app/webhooks';
import { CurrentPrincipal, Requires } from '../../access/requires.decorator';

/** Admin administers every endpoint; an integrator those registered for its organisation. */
const ownedBy = (endpoint: WebhookEndpoint, principal: Principal) => principal.role === 'admin' || endpoint.filter.organisation === principal.organisation;

const uuid = (name: string, what: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new ProblemException(404, `unknown-${what}`, `no ${what.replace('-', ' ')} with this id`) }));

@ApiTags('integration')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  /** Another organisation's endpoint answers 404, like one that does not exist. */
  private async owned(id: string, principal: Principal): Promise<void> {
    if (!ownedBy(await this.endpoints.get(id), principal)) throw new ProblemException(404, 'unknown-webhook', 'no webhook with this id');
  }

  @Post()
  @Requires('webhooks.manage')
  @ApiOperation({
    summary: 'Register an endpoint: every matching contract event is POSTed to it, signed (Standard Webhooks)',
    description:
      'Deliveries are CloudEvents JSON bodies with `webhook-id` (the event id, the same on every retry), `webhook-timestamp` and ' +
      '`webhook-signature` (v1, HMAC-SHA256 with the secret). At least once, in order per contract; failures are retried with ' +
      'exponential backoff and jitter, then parked in the dead-letter list. The URL must resolve to a public address unless ' +
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS=true. The secret is returned only here.',
  })
  @ApiCreatedResponse({ type: RegisteredWebhookResponse })
  @ApiProblems(400)
  async register(@Body() body: RegisterWebhookDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HttpResponse): Promise<RegisteredWebhookResponse> {
    const endpoint = await this.endpoints.register(body, principal.role === 'admin' ? undefined : principal.organisation);
    response.setHeader('Location', `/webhooks/${endpoint.id}`);
    return { ...endpointView(endpoint), secret: endpoint.secret };
  }

  @Get()
  @Requires('webhooks.manage')
  @ApiOperation({ summary: 'The registered endpoints, oldest first (secrets are never shown again)' })
  @ApiOkResponse({ type: WebhookListResponse })
  async list(@CurrentPrincipal() principal: Principal): Promise<WebhookListResponse> {
    return { webhooks: (await this.endpoints.list()).filter((e) => ownedBy(e, principal)).map(endpointView) };
  }

  @Get(':id')
  @Requires('webhooks.manage')
  @ApiOperation({ summary: 'One endpoint' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems(404)
  async get(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    await this.owned(id, principal);
    return endpointView(await this.endpoints.get(id));
  }

  @Patch(':id')
  @Requires('webhooks.manage')
  @ApiOperation({ summary: 'Pause or resume an endpoint, or change its URL or description', description: 'A paused endpoint queues and sends nothing; on resume it catches up in order from where it stopped.' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems(400, 404)
  async update(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal, @Body() body: UpdateWebhookDto): Promise<WebhookResponse> {
    await this.owned(id, principal);
    return endpointView(await this.endpoints.update(id, body));
  }

  @Delete(':id')
  @Requires('webhooks.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint with its queue, dead letters and delivery log' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.owned(id, principal);
    await this.endpoints.remove(id);
  }

  @Get(':id/deliveries')
  @Requires('webhooks.manage')
  @ApiOperation({ summary: "The endpoint's deliveries, newest first; `status` narrows them" })
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  @ApiProblems(400, 404)
  async deliveries(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal, @Query() query: DeliveryListQueryDto): Promise<WebhookDeliveryListResponse> {
    await this.owned(id, principal);
    return { deliveries: (await this.endpoints.deliveries(id, { status: query.status, limit: limitOf(query) })).map(deliveryView) };
  }

  @Get(':id/attempts')
  @Requires('webhooks.manage')
  @ApiOperation({ summary: 'The delivery log: every attempt with its HTTP status and duration, newest first' })
  @ApiOkResponse({ type: DeliveryLogResponse })
  @ApiProblems(400, 404)
  async attempts(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal, @Query() query: DeliveryLogQueryDto): Promise<DeliveryLogResponse> {
    await this.owned(id, principal);
    return { attempts: (await this.endpoints.attempts(id, { limit: limitOf(query), contractId: query.contractId?.toLowerCase() })).map(attemptView) };
  }

  @Get(':id/dead-letters')
  @Requires('webhooks.manage')
  @ApiOperation({
    summary: 'Parked deliveries: retried for the whole retry window without success',
    description: "A parked delivery holds its contract's later deliveries back (order per contract is never broken); other contracts keep flowing.",
  })
  @ApiOkResponse({ type: DeadLetterListResponse })
  @ApiProblems(404)
  async deadLetters(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal): Promise<DeadLetterListResponse> {
    await this.owned(id, principal);
    const parked = await this.endpoints.deadLetters(id, 1_000);
    return { deadLetters: parked.map(({ delivery, heldBack }) => ({ ...deliveryView(delivery), heldBack, body: delivery.payload })) };
  }

  @Post(':id/dead-letters/redelivery')
  @Requires('webhooks.manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put every parked delivery back in the queue (attempts counted afresh)' })
  @ApiAcceptedResponse({ type: RedeliveryResponse })
  @ApiProblems(404)
  async redeliverAll(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal): Promise<RedeliveryResponse> {
    await this.owned(id, principal);
    return { redelivered: await this.endpoints.redeliverAll(id) };
  }

  @Post(':id/dead-letters/:deliveryId/redelivery')
  @Requires('webhooks.manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Put one parked delivery back in the queue; its contract resumes behind it in order' })
  @ApiAcceptedResponse({ type: RedeliveryResponse })
  @ApiProblems(404)
  async redeliver(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal, @uuid('deliveryId', 'dead-letter') deliveryId: string): Promise<RedeliveryResponse> {
    await this.owned(id, principal);
    await this.endpoints.redeliver(id, deliveryId);
    return { redelivered: 1 };
  }

  @Delete(':id/dead-letters/:deliveryId')
  @Requires('webhooks.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give up on a parked delivery (kept in the log as discarded); its contract resumes with the next event' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async discard(@uuid('id', 'webhook') id: string, @CurrentPrincipal() principal: Principal, @uuid('deliveryId', 'dead-letter') deliveryId: string): Promise<void> {
    await this.owned(id, principal);
    await this.endpoints.discard(id, deliveryId);
  }
}
