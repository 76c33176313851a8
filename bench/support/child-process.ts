import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// Forks one of bench/'s TypeScript entry points as a Node process of its own (ts-node, the same
// way `npm run bench` runs), talking over IPC.

const ROOT = join(__dirname, '../..');

export function forkTs(script: string, options: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {}): ChildProcess {
  return fork(join(ROOT, script), [], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...options.env },
    execArgv: [...(options.execArgv ?? []), '-r', 'ts-node/register', '-r', 'tsconfig-paths/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends `job`, waits for the one answer ({ result } or { error }). */
export function askChild<Job, Result>(child: ChildProcess, job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { result?: Result; error?: string }) => (message.error !== undefined ? reject(new Error(message.error)) : resolve(message.result as Result)));
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
    child.send(job as object);
  });
}
