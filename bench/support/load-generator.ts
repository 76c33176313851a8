import autocannon from 'autocannon';
import { BENCH_API_KEY } from './bench-api-key';
import { type CommandTargets, commandRequest, rawRequest } from '../scenarios/http-requests';

// Runs autocannon in a process of its own (forked by http.scenario.ts), so the load generator
// does not share the service's event loop. Receives its job as one IPC message, answers with one.

export interface LoadJob {
  url: string;
  connections: number;
  /** Seconds, or a fixed number of requests (tests). */
  durationSeconds?: number;
  amount?: number;
  mix: 'commands' | 'raw';
  targets: CommandTargets;
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
  /** 2xx responses per second. */
  rate: number;
  latencyP50: number;
  latencyP99: number;
  /** Status counts, e.g. { '201': 1000, '409': 2 }. */
  statuses: Record<string, number>;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const build = job.mix === 'commands' ? commandRequest : rawRequest;
  let seq = 0;
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    ...(job.amount !== undefined ? { amount: job.amount } : { duration: job.durationSeconds ?? 10 }),
    requests: [
      {
        setupRequest: (request) => {
          const planned = build(seq++, job.targets);
          return { ...request, method: 'POST', path: planned.path, headers: { 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY }, body: JSON.stringify(planned.body) };
        },
        onResponse: (status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    durationSeconds: result.duration,
    rate: ok / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    statuses,
  };
}

if (require.main === module) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
