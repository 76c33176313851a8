// The admin key the bench's app is started with (BOOTSTRAP_API_KEY's role) and every bench request
// sends: the service authenticates every request, the raw-insert baseline included, so both sides
// of the HTTP ratio pay the same check. Fixed, since the load generator runs in its own process.
export const BENCH_API_KEY = 'clk_b0b0b0b0b0b0b0b0_benchbenchbenchbenchbenchbenchbenchbenchben';
