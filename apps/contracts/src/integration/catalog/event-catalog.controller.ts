import { Controller, Get, Header, Inject, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { asyncApiDocument, EVENT_SOURCE, PUBLIC_EVENT_TYPES, PUBLIC_SCHEMA_NAMES, publicSchemaNamed, schemaPathOf } from '@app/integration';
import { ApiProblems } from '../../http/api-docs.decorators';
import { ProblemException } from '../../http/problem-details';
import { EventCatalogResponse } from './catalog-responses.dto';
import { SERVICE_CONFIG, type ServiceConfig } from '../../service-config';
import { requestBaseUrl } from './request-base-url';
import { Requires } from '../../access/requires.decorator';

// What an integrator reads before subscribing: the public types, their schemas, the AsyncAPI
// description. All of it comes from @app/integration; this controller only adds the URLs.

const SERVICE_VERSION = '1.0.0';

@ApiTags('integration')
@Controller()
export class EventCatalogController {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  /** PUBLIC_BASE_URL when configured (behind a proxy the Host header is not what clients use), else the request's. */
  private baseUrl(req: IncomingMessage): string {
    return this.config.publicBaseUrl ?? requestBaseUrl(req);
  }

  @Get('events/catalog')
  @Requires('reference.read')
  @ApiOperation({ summary: 'The public event types: versioned name, description and JSON Schema of each' })
  @ApiOkResponse({ type: EventCatalogResponse })
  catalog(@Req() req: IncomingMessage): EventCatalogResponse {
    const base = this.baseUrl(req);
    return {
      source: EVENT_SOURCE,
      envelopeSchema: `${base}${schemaPathOf('cloudevent')}`,
      asyncApi: `${base}/asyncapi.json`,
      types: PUBLIC_EVENT_TYPES.map((t) => ({
        type: t.type,
        version: Number(/\.v(\d+)$/.exec(t.type)![1]),
        description: t.description,
        schema: `${base}${schemaPathOf(t.type)}`,
      })),
    };
  }

  @Get('events/schemas/:file')
  @Requires('reference.read')
  @Header('Content-Type', 'application/schema+json')
  @ApiOperation({ summary: "A public type's JSON Schema (draft-07), or the shared envelope's (cloudevent.json)" })
  @ApiParam({ name: 'file', example: 'contract.payment-received.v1.json', description: '`{public type}.json` or `cloudevent.json`' })
  @ApiProduces('application/schema+json')
  @ApiOkResponse({ description: 'the schema', schema: { type: 'object' } })
  @ApiProblems(404)
  schema(@Param('file') file: string): Record<string, unknown> {
    const name = file.endsWith('.json') ? file.slice(0, -'.json'.length) : undefined;
    const schema = name === undefined ? undefined : publicSchemaNamed(name);
    if (!schema) {
      throw new ProblemException(404, 'unknown-event-type', `No public event schema ${file}; the catalog has ${PUBLIC_SCHEMA_NAMES.length}: see /events/catalog.`, [
        { field: 'type', message: `not a public event type: ${file}` },
      ]);
    }
    return schema;
  }

  @Get('asyncapi.json')
  @Requires('reference.read')
  @ApiOperation({ summary: 'AsyncAPI 3.0.0 description of the event channels, with this server as the URL' })
  @ApiOkResponse({ description: 'the AsyncAPI document', schema: { type: 'object' } })
  asyncApi(@Req() req: IncomingMessage): Record<string, unknown> {
    return asyncApiDocument({ serverUrl: this.baseUrl(req), version: SERVICE_VERSION });
  }
}
