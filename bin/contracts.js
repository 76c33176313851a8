#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS launcher: it loads the TypeScript loader itself */
// `npx contracts <command>`: runs the CLI (apps/cli) from its TypeScript sources exactly as
// `npm run contracts -- <command>` does, from any working directory (@app/* resolved through the
// project's tsconfig paths).
const path = require('node:path');

process.env.TS_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';
require('ts-node/register');
require('tsconfig-paths/register');
require('../apps/cli/src/main.ts');
