import { Module } from '@nestjs/common';
import { EventCatalogController } from './event-catalog.controller';

/** GET /events/catalog, /events/schemas/{type}.json, /asyncapi.json: the public event catalog. No state. */
@Module({ controllers: [EventCatalogController] })
export class EventCatalogModule {}
