// Where a command's output goes and how the run ends. main.ts passes the process's streams; tests
// pass buffers, so every command runs in-process exactly as it does from a shell.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The process environment the command sees (EVENT_STORE_URL, DATA_DIR, USER). */
  env: NodeJS.ProcessEnv;
}

export const CLI_IO = Symbol('CLI_IO');

/** The exit codes every command keeps to, so scripts can tell a tampered chain from a typo. */
export const EXIT = {
  ok: 0,
  /** verify / verify-bundle found a broken chain, a wrong head or a bundle that does not check out */
  verificationFailed: 1,
  /** an option, argument or input file is wrong; the message names it */
  badInput: 2,
  /** the command could not run: the store could not be opened, or an unexpected error */
  failed: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad input, named: `option` is the flag or argument as the user typed it ("--as-of", "<contractId>"). */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
  }
}

/** A command finished and wants a non-zero exit without it being an error (a failed verification). */
export class CliOutcome {
  code: ExitCode = EXIT.ok;
}
