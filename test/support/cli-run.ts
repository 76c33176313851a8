import { CLI_COMMANDS } from '../../apps/cli/src/cli.commands';
import { runCli } from '../../apps/cli/src/run-cli';

// The `contracts` CLI run in-process, exactly as main.ts runs it, with its output captured.

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
  const code = await runCli(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), env: { USER: 'tester', ...env } }, CLI_COMMANDS);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
