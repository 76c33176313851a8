// An EventStoreDB protocol double: a gRPC server built from the service definitions that
// @eventstore/db-client ships, so the real client (its serialisation, error mapping and
// reconnection) talks to it unchanged. Implements the Streams service's Append and Read (streams,
// $all, and catch-up + live subscriptions to $all with stream/event-type filters) over an
// in-memory EsdbLog. Not implemented: BatchAppend (ServerFeatures does not advertise it, so the
// client uses Append, as with pre-21.10 servers), Delete/Tombstone, stream subscriptions,
// persistent subscriptions, gossip (use `esdb://host:port?tls=false`), TLS and ACLs.
//
// Test hooks: dropConnections() kills every open call and connection and serves again on the same
// port (a server restart as the client sees it); the log, and so every event, survives.
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendOutcome, EsdbLog, Expected, ProposedEvent } from './esdb-log';
import { serveRead } from './esdb-read';

export { EsdbLog } from './esdb-log';

export class EsdbDouble {
  readonly log = new EsdbLog();
  private server: grpc.Server | undefined;
  private port = 0;
  private readonly openCalls = new Set<grpc.ServerWritableStream<unknown, unknown> | grpc.ServerReadableStream<unknown, unknown>>();
  private readonly stopLive = new Set<() => void>();
  /** Every call's `requires-leader` header, in order, so tests can see what the client asked for. */
  readonly requiresLeader: Array<{ method: string; value: boolean }> = [];

  static async start(): Promise<EsdbDouble> {
    const double = new EsdbDouble();
    // A fresh real server's $all is never empty: it starts with system events the adapter must hide.
    double.log.append('$epoch-information', { kind: 'any' }, [systemEvent('$epoch-information')]);
    await double.listen(0);
    return double;
  }

  /** Connection string for the real client. */
  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends every call and connection as a crashed or restarted node would, then serves again. */
  async dropConnections(): Promise<void> {
    for (const stop of this.stopLive) stop();
    this.stopLive.clear();
    this.server?.forceShutdown();
    this.openCalls.clear();
    await this.listen(this.port);
  }

  async stop(): Promise<void> {
    for (const stop of this.stopLive) stop();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  private async listen(port: number): Promise<void> {
    const server = new grpc.Server();
    server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => {
        this.track(call, 'Read');
        const stop = serveRead(this.log, call);
        if (stop) {
          this.stopLive.add(stop);
          call.on('cancelled', () => this.stopLive.delete(stop));
        }
      },
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => {
        this.track(call, 'Append');
        this.serveAppend(call, callback);
      },
    });
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) => {
        const supported = new SupportedMethods();
        supported.setEventStoreServerVersion('23.10.0-double');
        supported.setMethodsList(
          ['read', 'append'].map((name) => {
            const method = new SupportedMethod();
            method.setServiceName('event_store.client.streams.streams');
            method.setMethodName(name);
            return method;
          }),
        );
        callback(null, supported);
      },
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.server = server;
  }

  private track(call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerReadableStream<unknown, unknown>, method: string): void {
    this.requiresLeader.push({ method, value: call.metadata.get('requires-leader')[0] === 'true' });
    this.openCalls.add(call);
    call.on('close', () => this.openCalls.delete(call));
  }

  private serveAppend(
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let failed = false;
    const fail = (code: grpc.status, details: string) => {
      if (failed) return;
      failed = true;
      callback({ code, details, metadata: new grpc.Metadata() });
    };
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) {
        options = req.getOptions();
        return;
      }
      const message = req.getProposedMessage();
      if (!options || !message) return fail(grpc.status.INVALID_ARGUMENT, 'options must come first');
      const id = message.getId();
      const eventId = id?.hasString() ? id.getString().toLowerCase() : '';
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(eventId)) {
        return fail(grpc.status.INVALID_ARGUMENT, `invalid event id ${eventId}`);
      }
      const meta = message.getMetadataMap();
      const type = meta.get('type');
      const contentType = meta.get('content-type');
      if (type === undefined || contentType === undefined) {
        const error = new grpc.Metadata();
        error.set('exception', 'missing-required-metadata-property');
        error.set('required-metadata-properties', 'type,content-type');
        failed = true;
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'missing type or content-type', metadata: error });
      }
      events.push({
        eventId,
        type,
        contentType,
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('end', () => {
      if (failed) return;
      if (!options) return fail(grpc.status.INVALID_ARGUMENT, 'no options');
      const streamId = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
      const expected = toExpected(options);
      callback(null, toAppendResp(this.log.append(streamId, expected, events), expected));
    });
  }
}

function toExpected(options: AppendReq.Options): Expected {
  if (options.hasNoStream()) return { kind: 'no-stream' };
  if (options.hasStreamExists()) return { kind: 'stream-exists' };
  if (options.hasAny()) return { kind: 'any' };
  return { kind: 'revision', revision: BigInt(options.getRevision()) };
}

function toAppendResp(outcome: AppendOutcome, expected: Expected): AppendResp {
  const resp = new AppendResp();
  if (outcome.kind === 'wrong-expected-version') {
    // Both the 20.6 fields and the current ones, as the server fills them.
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === 'no-stream') {
      wrong.setCurrentNoStream(new Empty());
      wrong.setNoStream2060(new Empty());
    } else {
      wrong.setCurrentRevision(outcome.current.toString());
      wrong.setCurrentRevision2060(Number(outcome.current));
    }
    switch (expected.kind) {
      case 'any':
        wrong.setExpectedAny(new Empty());
        wrong.setAny2060(new Empty());
        break;
      case 'stream-exists':
        wrong.setExpectedStreamExists(new Empty());
        wrong.setStreamExists2060(new Empty());
        break;
      case 'no-stream':
        wrong.setExpectedNoStream(new Empty());
        break;
      case 'revision':
        wrong.setExpectedRevision(expected.revision.toString());
        wrong.setExpectedRevision2060(Number(expected.revision));
        break;
    }
    resp.setWrongExpectedVersion(wrong);
    return resp;
  }
  const success = new AppendResp.Success();
  success.setCurrentRevision(outcome.currentRevision.toString());
  const position = new AppendResp.Position();
  position.setCommitPosition(outcome.position.toString());
  position.setPreparePosition(outcome.position.toString());
  success.setPosition(position);
  resp.setSuccess(success);
  return resp;
}

function systemEvent(type: string): ProposedEvent {
  return {
    eventId: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from('{}'),
    customMetadata: new Uint8Array(),
  };
}
