import type { StoredRow } from './pg-schema';

// What every stored history must satisfy after crashes and races, checked against the answers the
// clients got. Each request carries its own X-Correlation-Id (the tag), which the service writes
// into the metadata of every event the request appended, so an answer can be matched to its events.

/** One HTTP request as the client saw it; status 0 = no answer (connection reset or refused). */
export interface Outcome {
  tag: string;
  method: string;
  path: string;
  status: number;
  body: Record<string, unknown>;
}

export const acknowledged = (o: Outcome) => o.status >= 200 && o.status < 300;

const CONTRACT_PATH = /^\/contracts\/([0-9a-f-]{36})(\/|$)/;

/** What an acknowledged answer promises is stored: the stream, the event types and the last revision. */
interface Promised {
  tag: string;
  streamId?: string;
  types?: string[];
  revision?: number;
  /** POST /accrual: how many events the run appended over all contracts. */
  appended?: number;
}

function promiseOf(o: Outcome): Promised {
  if (o.path === '/accrual') return { tag: o.tag, appended: o.body.appended as number };
  if (o.path === '/contracts') return { tag: o.tag, streamId: `contract-${o.body.id as string}`, types: ['ContractDrafted'], revision: 0 };
  const id = CONTRACT_PATH.exec(o.path)?.[1];
  if (!id) throw new Error(`no contract id in ${o.path}`);
  return { tag: o.tag, streamId: `contract-${id}`, types: o.body.events as string[], revision: o.body.revision as number };
}

/**
 * Every problem found, as sentences (empty when the history is sound):
 * - every acknowledged command's events are stored, of the types and up to the revision answered;
 * - no command was applied twice: each command id's events form one run of revisions in one stream,
 *   and one request (tag) produced at most one append per stream;
 * - each stream's revisions are 0, 1, 2, … without gaps;
 * - no late day is owed twice: per (stream, obligation, late day), accrued − reversed is 0 or 1;
 * - with `allAnswered` (no request was cut off), nothing is stored that no answer accounts for.
 */
export function historyProblems(rows: StoredRow[], outcomes: Outcome[], options: { allAnswered: boolean }): string[] {
  const problems: string[] = [];
  const byStream = new Map<string, StoredRow[]>();
  for (const row of rows) byStream.set(row.streamId, [...(byStream.get(row.streamId) ?? []), row]);

  for (const [streamId, events] of byStream) {
    events.forEach((e, i) => {
      if (e.revision !== i) problems.push(`${streamId}: event #${i} has revision ${e.revision}`);
    });
    const runs = new Map<string, number[]>();
    const appendsPerTag = new Map<string, Set<string>>();
    for (const e of events) {
      const commandId = String(e.metadata.commandId);
      runs.set(commandId, [...(runs.get(commandId) ?? []), e.revision]);
      const tag = String(e.metadata.correlationId);
      appendsPerTag.set(tag, (appendsPerTag.get(tag) ?? new Set()).add(commandId));
    }
    for (const [commandId, revisions] of runs) {
      if (revisions.some((r, i) => i > 0 && r !== revisions[i - 1] + 1)) {
        problems.push(`${streamId}: command ${commandId} appended more than once (revisions ${revisions.join(', ')})`);
      }
    }
    for (const [tag, commands] of appendsPerTag) {
      if (commands.size > 1) problems.push(`${streamId}: request ${tag} appended ${commands.size} times`);
    }
    const net = new Map<string, number>();
    for (const e of events) {
      if (e.type !== 'PenaltyAccrued' && e.type !== 'PenaltyAccrualReversed') continue;
      const key = `${String(e.data.obligationId)}#${String(e.data.lateDay)}`;
      net.set(key, (net.get(key) ?? 0) + (e.type === 'PenaltyAccrued' ? 1 : -1));
    }
    for (const [key, n] of net) if (n !== 0 && n !== 1) problems.push(`${streamId}: late day ${key} is accrued ${n} times net`);
  }

  const commandIdsByStream = new Map<string, Set<string>>();
  for (const row of rows) {
    commandIdsByStream.set(row.streamId, (commandIdsByStream.get(row.streamId) ?? new Set()).add(String(row.metadata.commandId)));
  }
  for (const [commandId, streams] of invert(commandIdsByStream)) {
    if (streams.length > 1) problems.push(`command ${commandId} appended to ${streams.length} streams`);
  }

  const rowsByTag = new Map<string, StoredRow[]>();
  for (const row of rows) {
    const tag = String(row.metadata.correlationId);
    rowsByTag.set(tag, [...(rowsByTag.get(tag) ?? []), row]);
  }
  const answered = new Set<string>();
  for (const outcome of outcomes.filter(acknowledged)) {
    answered.add(outcome.tag);
    const promised = promiseOf(outcome);
    const stored = rowsByTag.get(outcome.tag) ?? [];
    if (promised.appended !== undefined) {
      if (stored.length !== promised.appended) {
        problems.push(`${outcome.method} ${outcome.path} [${outcome.tag}] answered appended=${promised.appended}, stored ${stored.length}`);
      }
      continue;
    }
    const inStream = stored.filter((r) => r.streamId === promised.streamId);
    const types = inStream.map((r) => r.type);
    if (JSON.stringify(types) !== JSON.stringify(promised.types)) {
      problems.push(`${outcome.method} ${outcome.path} [${outcome.tag}] answered ${JSON.stringify(promised.types)}, stored ${JSON.stringify(types)}`);
    } else if (types.length > 0 && inStream[inStream.length - 1].revision !== promised.revision) {
      problems.push(`${outcome.method} ${outcome.path} [${outcome.tag}] answered revision ${promised.revision}, stored up to ${inStream[inStream.length - 1].revision}`);
    }
  }
  if (options.allAnswered) {
    for (const [tag, stored] of rowsByTag) {
      if (!answered.has(tag)) problems.push(`${stored.length} event(s) stored for request ${tag}, which was not acknowledged`);
    }
  }
  return problems;
}

function invert(map: Map<string, Set<string>>): Map<string, string[]> {
  const inverted = new Map<string, string[]>();
  for (const [key, values] of map) for (const value of values) inverted.set(value, [...(inverted.get(value) ?? []), key]);
  return inverted;
}

/** Net late days per stream as "obligationId#lateDay" keys, sorted. */
export function netLateDays(rows: StoredRow[], streamId: string): string[] {
  const net = new Map<string, number>();
  for (const e of rows.filter((r) => r.streamId === streamId)) {
    if (e.type !== 'PenaltyAccrued' && e.type !== 'PenaltyAccrualReversed') continue;
    const key = `${String(e.data.obligationId)}#${String(e.data.lateDay)}`;
    net.set(key, (net.get(key) ?? 0) + (e.type === 'PenaltyAccrued' ? 1 : -1));
  }
  return [...net].filter(([, n]) => n > 0).map(([key]) => key).sort();
}
