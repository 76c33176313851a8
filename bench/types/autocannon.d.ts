// autocannon ships no types; this declares only the part the load generator uses.
declare module 'autocannon' {
  interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  interface RequestSpec {
    setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    requests?: RequestSpec[];
  }

  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }

  interface Result {
    '2xx': number;
    non2xx: number;
    errors: number;
    duration: number;
    requests: Histogram;
    latency: Histogram;
  }

  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
