import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// The /webhooks answers, for the OpenAPI document. Positions are decimal strings (bigints do not
// fit JSON numbers). The secret appears only in the answer to the registration.

export class WebhookFilterResponse {
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) contractIds?: string[];
  @ApiPropertyOptional({ type: [String], example: ['contract.payment-received.v1'] }) types?: string[];
  @ApiPropertyOptional({ example: 'chuanglian', description: "set from the registering key or token: only contracts this organisation is a party to; absent for an admin's endpoint (every contract)" })
  organisation?: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://erp.example.com/hooks/contracts' }) url: string;
  @ApiProperty({ nullable: true, type: String, example: 'ERP billing sync' }) description: string | null;
  @ApiProperty({ type: WebhookFilterResponse }) filter: WebhookFilterResponse;
  @ApiProperty({ enum: ['active', 'paused'] }) status: 'active' | 'paused';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class RegisteredWebhookResponse extends WebhookResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'shown this once: verify `webhook-signature` with it' })
  secret: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) webhooks: WebhookResponse[];
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the event id, sent as `webhook-id` on every attempt' }) eventId: string;
  @ApiProperty({ example: '1042' }) position: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: 'contract.payment-received.v1' }) type: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'parked', 'discarded'] }) status: string;
  @ApiProperty({ example: 3 }) attempts: number;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) firstAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when it was delivered, parked or discarded' }) settledAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'HTTP 503' }) lastError: string | null;
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) deliveries: WebhookDeliveryResponse[];
}

export class DeadLetterResponse extends WebhookDeliveryResponse {
  @ApiProperty({ description: "the same contract's later deliveries held back behind this one, in order", example: 4 })
  heldBack: number;
  @ApiProperty({ description: 'the CloudEvents JSON body exactly as it is sent' }) body: string;
}

export class DeadLetterListResponse {
  @ApiProperty({ type: [DeadLetterResponse] }) deadLetters: DeadLetterResponse[];
}

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: '1042' }) position: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: 'contract.payment-received.v1' }) type: string;
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ example: 12.4, description: 'milliseconds from the request to the response (or the failure)' }) durationMs: number;
  @ApiProperty({ nullable: true, type: Number, example: 200, description: "the receiver's HTTP status; null when there was no answer" }) statusCode: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'connection refused' }) error: string | null;
  @ApiProperty() succeeded: boolean;
}

export class DeliveryLogResponse {
  @ApiProperty({ type: [DeliveryAttemptResponse], description: 'newest first' }) attempts: DeliveryAttemptResponse[];
}

export class RedeliveryResponse {
  @ApiProperty({ example: 1, description: 'parked deliveries put back in the queue' }) redelivered: number;
}
