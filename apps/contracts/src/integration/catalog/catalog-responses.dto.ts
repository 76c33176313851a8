import { ApiProperty } from '@nestjs/swagger';

// GET /events/catalog, for the OpenAPI document. Stored type names stay internal: a consumer
// depends only on the public, versioned name.

export class PublicEventTypeResponse {
  @ApiProperty({ example: 'contract.payment-received.v1' }) type: string;
  @ApiProperty({ example: 1, description: 'the major version in the type name; a breaking change is a new type' }) version: number;
  @ApiProperty({ example: 'The vendor received a payment.' }) description: string;
  @ApiProperty({ example: 'http://localhost:3000/events/schemas/contract.payment-received.v1.json', description: 'its JSON Schema (draft-07): the CloudEvents envelope with this `data`' })
  schema: string;
}

export class EventCatalogResponse {
  @ApiProperty({ example: 'urn:contract-lifecycle', description: 'CloudEvents `source` of every event' }) source: string;
  @ApiProperty({ example: 'http://localhost:3000/events/schemas/cloudevent.json', description: 'the envelope every type shares' }) envelopeSchema: string;
  @ApiProperty({ example: 'http://localhost:3000/asyncapi.json' }) asyncApi: string;
  @ApiProperty({ type: [PublicEventTypeResponse] }) types: PublicEventTypeResponse[];
}
