import { ApiProperty } from '@nestjs/swagger';
import type { SubscriberStatus } from '../../core/subscriber-registry';

// GET /subscribers and /subscribers/{id}, for the OpenAPI document. The shapes are
// SubscriberStatus (core/subscriber-registry.ts); `implements` keeps the two from drifting apart.

export class SubscriberLagResponse {
  @ApiProperty({ example: 3, description: 'events stored after its checkpoint that it has not finished with; counting stops at 100000 (then: at least that many)' })
  events: number;
  @ApiProperty({ example: 12.5, description: 'age of the oldest of those events in seconds (now − when it was stored); 0 when there is none' })
  seconds: number;
}

export class SubscriberFailuresResponse {
  @ApiProperty({ example: 2, description: 'failed attempts ever (webhooks) or projection restarts since start (read models)' }) total: number;
  @ApiProperty({ example: 0, description: 'failures since the last success' }) consecutive: number;
  @ApiProperty({ example: 0, description: 'webhook deliveries parked in the dead-letter list; 0 for projections' }) parked: number;
  @ApiProperty({ example: '2026-11-23T15:40:45Z', type: String, nullable: true }) lastAt: string | null;
  @ApiProperty({ example: 'Error: connection refused', type: String, nullable: true }) lastError: string | null;
}

export class SubscriberStatusResponse implements SubscriberStatus {
  @ApiProperty({ example: 'read-models', description: '`read-models`, or `webhook:<endpoint id>`' }) id: string;
  @ApiProperty({ enum: ['projection', 'webhook'] }) kind: 'projection' | 'webhook';
  @ApiProperty({ enum: ['running', 'paused', 'failing'], description: 'failing: its last attempt failed; paused: stopped by an operator (or the projector is stopped)' })
  state: 'running' | 'paused' | 'failing';
  @ApiProperty({ example: '1206', type: String, nullable: true, description: 'position of the last event it has taken in (decimal string); null before the first' })
  checkpoint: string | null;
  @ApiProperty({ type: SubscriberLagResponse }) lag: SubscriberLagResponse;
  @ApiProperty({ type: SubscriberFailuresResponse }) failures: SubscriberFailuresResponse;
  @ApiProperty({ example: '2026-11-23T15:40:45Z', type: String, nullable: true, description: 'last projected event or successful delivery; null when none since start' })
  lastSuccessAt: string | null;
}

export class SubscriberListResponse {
  @ApiProperty({ type: [SubscriberStatusResponse], description: 'sorted by id' }) subscribers: SubscriberStatusResponse[];
  @ApiProperty({ example: '1209', type: String, nullable: true, description: 'position of the last event stored, in any stream; null while the store is empty' })
  headPosition: string | null;
  @ApiProperty({ example: '2026-11-23T15:40:45Z', description: 'when this view was taken, by the server clock' }) generatedAt: string;
}
