import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_ADMIN_KEY, TEST_KEK } from './test-app';

// The real service as its own process (main.ts, config from the environment), for tests that
// must kill it. Run through ts-node (transpile only): about 2 s to start, no build step.

const ROOT = join(__dirname, '../..');
const START_TIMEOUT_MS = 30_000;

export interface ServiceProcess {
  baseUrl: string;
  pid: number;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends the signal and waits until the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it; the service must be told a number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts main.ts on a free port and waits for GET /health; a port lost to a race is retried. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOn(port: number, env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/contracts/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, RATE_LIMIT_PER_MINUTE: '0', CONFIDENTIAL_KEK: TEST_KEK, BOOTSTRAP_API_KEY: TEST_ADMIN_KEY, ...env, PORT: String(port), TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') }, // tests drive hundreds of requests from one address
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const service: ServiceProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  try {
    await waitForHealth(service, child);
    return service;
  } catch (error) {
    await service.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- service output ---\n${output.slice(-4000)}`);
  }
}

async function waitForHealth(service: ServiceProcess, child: ChildProcess): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited (${child.exitCode ?? child.signalCode}) before it answered`);
    try {
      const response = await fetch(`${service.baseUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service did not answer GET /health within ${START_TIMEOUT_MS} ms`);
}
