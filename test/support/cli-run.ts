import { CLI_COMMANDS } from '../../apps/cli/src/cli.commands';
import { runCli } from '../../apps/cli/src/run-cli';
import { TEST_KEK } from './test-app';

// The `contracts` CLI run in-process, exactly as main.ts runs it, with its output captured. It gets
// the test apps' key-encryption key, as an operator gives the CLI the service's.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (the default output format). */
  json<T = Record<string, unknown>>(): T;
}

export async function contractsCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), env: { USER: 'tester', CONFIDENTIAL_KEK: TEST_KEK, ...env } }, CLI_COMMANDS);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
