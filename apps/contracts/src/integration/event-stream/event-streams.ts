import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTRACT_STREAM_PREFIX, contractIdOf, contractStreamId } from '@app/contract-store';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { EVENT_SOURCE, PUBLIC_EVENT_TYPES, toPublicCloudEvent } from '@app/integration';
import { DEFAULT_SSE_HEARTBEAT_SECONDS, SERVICE_CONFIG, type ServiceConfig } from '../../service-config';
import { EVENT_STORE } from '../../store/event-store.provider';
import type { EventStreamRequest } from './event-stream-request';
import { SseConnection } from './sse-connection';
import type { ContractScope } from '../../access/contract-parties';

interface OpenStream {
  connection: SseConnection;
  subscription: Subscription;
}

/**
 * The open GET /events streams. Each is one store subscription (catch-up, then live) feeding one
 * response; the subscription awaits every write, so the store is read only as fast as the client
 * reads. A stream ends when its client goes, when the subscription fails, or at shutdown.
 */
@Injectable()
export class EventStreams implements OnModuleDestroy {
  private readonly logger = new Logger('EventStreams');
  private readonly open = new Set<OpenStream>();
  private readonly heartbeatSeconds: number;
  private readonly schemaBaseUrl: string | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.heartbeatSeconds = config.sseHeartbeatSeconds ?? DEFAULT_SSE_HEARTBEAT_SECONDS;
    this.schemaBaseUrl = config.publicBaseUrl;
  }

  /** The connections open now (tests read their buffer statistics). */
  get connections(): SseConnection[] {
    return [...this.open].map((stream) => stream.connection);
  }

  /** `scope`: the contracts the caller may see (undefined: all); others' events are skipped, positions still advance. */
  serve(req: IncomingMessage, res: ServerResponse, request: EventStreamRequest, scope?: ContractScope): void {
    const streamId = request.contractId === undefined ? undefined : contractStreamId(request.contractId);
    const connection = new SseConnection(req, res, this.heartbeatSeconds);
    let subscription: Subscription;
    try {
      subscription = this.store.subscribeToAll({
        fromPosition: request.after,
        // The prefix narrows the read; the exact check below drops contract-ab… when asked for contract-a.
        streamPrefix: streamId ?? CONTRACT_STREAM_PREFIX,
        eventTypes: request.types && PUBLIC_EVENT_TYPES.filter((t) => request.types?.has(t.type)).map((t) => t.storedType),
        onEvent: (event) => this.deliver(connection, event, streamId, scope),
      });
    } catch (error) {
      // The store is closing (shutdown): the headers are out, so end the stream; the client retries.
      this.logger.warn(`event stream not started: ${(error as Error).message}`);
      connection.end();
      return;
    }
    const stream = { connection, subscription };
    this.open.add(stream);
    void connection.closed.then(async () => {
      await subscription.stop();
      this.open.delete(stream);
    });
    subscription.done.catch((error: unknown) => {
      // Headers are gone already: ending the stream is the only signal left; the client resumes.
      this.logger.error('event stream subscription failed', error as Error);
      connection.end();
    });
  }

  /** Shutdown: end every stream so the HTTP server can close, and stop the subscriptions first. */
  async onModuleDestroy(): Promise<void> {
    const streams = [...this.open];
    for (const { connection } of streams) connection.end();
    await Promise.all(streams.map(({ subscription }) => subscription.stop()));
  }

  private async deliver(connection: SseConnection, event: RecordedEvent, streamId: string | undefined, scope: ContractScope): Promise<void> {
    if (!connection.isOpen) return;
    if (streamId !== undefined && event.streamId !== streamId) return;
    if (scope && !(await scope(contractIdOf(event.streamId)))) return;
    const cloudEvent = toPublicCloudEvent(event, { source: EVENT_SOURCE, schemaBaseUrl: this.schemaBaseUrl });
    if (!cloudEvent) return;
    // JSON.stringify escapes line breaks, so the envelope is one `data:` line.
    await connection.sendEvent(event.position.toString(), cloudEvent.type, JSON.stringify(cloudEvent));
  }
}
