import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The domain's purity is enforced by ESLint (eslint.config.mjs, `domainPurity`). These tests lint
// small files as if they lived in the domain, so a rule that stopped firing would fail here.

const root = join(__dirname, '..');

/** The messages ESLint reports for `source` placed at `filePath`, joined; '' when it is clean. */
function lintAs(filePath: string, source: string): string {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  const report = JSON.parse(result.stdout) as { messages: { message: string }[] }[];
  return report.flatMap((file) => file.messages.map((m) => m.message)).join('\n');
}

const DOMAIN_FILE = 'libs/contracts-domain/src/purity-probe.ts';

describe('the contracts domain stays pure', () => {
  it.each([
    ["import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n", 'framework-free'],
    ["import { openEventStore } from '@app/event-store';\nexport const x = openEventStore;\n", 'does no I/O'],
    ["import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", 'does no I/O'],
    ['export const now = Date.now();\n', 'time comes in as data'],
    ['export const today = new Date();\n', 'time comes in as data'],
    ["import { Temporal } from './temporal';\nexport const now = Temporal.Now.instant();\n", 'reads no clock'],
    ['export const zone = process.env.TZ;\n', 'configuration comes in as data'],
  ])('refuses %j', (source, message) => {
    expect(lintAs(DOMAIN_FILE, source)).toContain(message);
  });

  it('lets the same code live in the app', () => {
    expect(lintAs('apps/contracts/src/purity-probe.ts', 'export const now = Date.now();\n')).not.toContain('time comes in as data');
  });

  it('accepts plain domain code', () => {
    expect(lintAs(DOMAIN_FILE, "import { Temporal } from './temporal';\nexport const d = Temporal.PlainDate.from('2021-01-15');\n").trim()).toBe('');
  });
});
