// The double's Read RPC: stream reads, $all reads and catch-up + live subscriptions to $all, with
// the server's position rules (reading $all forwards from a position includes it, backwards
// excludes it; a subscription from a position starts strictly after it) and filters (prefix list
// or regex, on stream name or event type).
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import type { EsdbLog, LogRecord } from './esdb-log';

type Call = grpc.ServerWritableStream<ReadReq, ReadResp>;
type Filter = (record: LogRecord) => boolean;

/** Serves one Read call; returns how to stop it when it stays open (a live subscription). */
export function serveRead(log: EsdbLog, call: Call): (() => void) | undefined {
  const options = call.request.getOptions();
  if (!options) {
    call.destroy(Object.assign(new Error('no options'), { code: grpc.status.INVALID_ARGUMENT }));
    return undefined;
  }
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const filter = toFilter(options);
  if (options.hasSubscription()) {
    if (!options.hasAll()) {
      call.destroy(Object.assign(new Error('the double serves $all subscriptions only'), { code: grpc.status.UNIMPLEMENTED }));
      return undefined;
    }
    return subscribeToAll(log, call, options.getAll() as ReadReq.Options.AllOptions, filter, options.getFilter());
  }
  const count = BigInt(options.getCount() || '0');
  const records = options.hasStream()
    ? readStream(log, call, options.getStream() as ReadReq.Options.StreamOptions, backwards)
    : readAll(log, options.getAll() as ReadReq.Options.AllOptions, backwards, filter);
  if (records) {
    let sent = 0n;
    for (const record of records) {
      if (sent >= count) break;
      call.write(toReadResp(record));
      sent += 1n;
    }
  }
  call.end();
  return undefined;
}

function readStream(log: EsdbLog, call: Call, options: ReadReq.Options.StreamOptions, backwards: boolean): Iterable<LogRecord> | undefined {
  const name = options.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array();
  const stream = log.stream(Buffer.from(name).toString('utf8'));
  if (!stream || stream.length === 0) {
    const notFound = new ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(new StreamIdentifier().setStreamName(name));
    call.write(new ReadResp().setStreamNotFound(notFound));
    return undefined;
  }
  const last = BigInt(stream.length - 1);
  if (backwards) {
    const from = options.hasRevision() ? BigInt(options.getRevision()) : options.hasStart() ? 0n : last;
    return stream.slice(0, Number(from > last ? last : from) + 1).reverse();
  }
  const from = options.hasRevision() ? BigInt(options.getRevision()) : options.hasEnd() ? last + 1n : 0n;
  return from > last ? [] : stream.slice(Number(from));
}

function readAll(log: EsdbLog, options: ReadReq.Options.AllOptions, backwards: boolean, filter: Filter): LogRecord[] {
  const records = log.records;
  if (backwards) {
    const end = options.hasPosition()
      ? log.indexAtOrAfter(BigInt(options.getPosition()?.getCommitPosition() ?? '0')) // exclusive
      : options.hasStart()
        ? 0
        : records.length;
    return records.slice(0, end).reverse().filter(filter);
  }
  const start = options.hasPosition()
    ? log.indexAtOrAfter(BigInt(options.getPosition()?.getCommitPosition() ?? '0')) // inclusive
    : options.hasEnd()
      ? records.length
      : 0;
  return records.slice(start).filter(filter);
}

function subscribeToAll(
  log: EsdbLog,
  call: Call,
  options: ReadReq.Options.AllOptions,
  filter: Filter,
  filterOptions: ReadReq.Options.FilterOptions | undefined,
): () => void {
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  // With a filter the server reports progress through checkpoints every window × multiplier
  // records it scanned, matching or not, so a sparse filter still moves a consumer's position.
  const every = filterOptions
    ? Math.max(1, (filterOptions.hasMax() ? filterOptions.getMax() : 32) * Math.max(1, filterOptions.getCheckpointintervalmultiplier()))
    : Infinity;
  let scanned = 0;
  const deliver = (record: LogRecord) => {
    if (filter(record)) call.write(toReadResp(record));
    if (++scanned % every === 0) {
      const checkpoint = new ReadResp.Checkpoint();
      checkpoint.setCommitPosition(record.position.toString()).setPreparePosition(record.position.toString());
      call.write(new ReadResp().setCheckpoint(checkpoint));
    }
  };
  // Backlog and live hand-over happen in one synchronous step: nothing can commit in between.
  const start = options.hasPosition()
    ? log.indexAtOrBefore(BigInt(options.getPosition()?.getCommitPosition() ?? '0')) + 1 // exclusive
    : options.hasEnd()
      ? log.records.length
      : 0;
  for (const record of log.records.slice(start)) deliver(record);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.onCommit(deliver);
  call.on('cancelled', unsubscribe);
  call.on('error', unsubscribe);
  return unsubscribe;
}

function toFilter(options: ReadReq.Options): Filter {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (onStream ? filter.getStreamIdentifier() : filter.getEventType()) as ReadReq.Options.FilterOptions.Expression;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const value = onStream ? record.streamId : record.type;
    if (prefixes.length > 0 && !prefixes.some((prefix) => value.startsWith(prefix))) return false;
    return regex ? regex.test(value) : true;
  };
}

function toReadResp(record: LogRecord): ReadResp {
  const event = new ReadResp.ReadEvent.RecordedEvent();
  event.setId(new UUID().setString(record.eventId));
  event.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.streamId, 'utf8')));
  event.setStreamRevision(record.revision.toString());
  event.setCommitPosition(record.position.toString());
  event.setPreparePosition(record.position.toString());
  event.getMetadataMap().set('type', record.type).set('content-type', record.contentType).set('created', record.createdTicks.toString());
  event.setCustomMetadata(record.customMetadata);
  event.setData(record.data);
  const read = new ReadResp.ReadEvent();
  read.setEvent(event);
  read.setCommitPosition(record.position.toString());
  return new ReadResp().setEvent(read);
}
