// `contracts <command>`: the CLI for finance and legal (npm run contracts -- …, npx contracts …).
import 'reflect-metadata';
import { CLI_COMMANDS } from './cli.commands';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env }, CLI_COMMANDS)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 3;
  });
