import { cpus, freemem, release, totalmem, type as osType } from 'node:os';
import { adminQuery } from '../support/store-target';

// What the figures were measured on: they only mean something next to this.

export interface MachineInfo {
  os: string;
  cpu: string;
  cpuCount: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  node: string;
  postgres: string;
  /** fsync / synchronous_commit: whether "durable commit" costs a disk flush on this server. */
  postgresDurability: string;
}

export async function machineInfo(serverUrl: string | undefined): Promise<MachineInfo> {
  const list = cpus();
  let postgres = 'not configured';
  let postgresDurability = 'n/a';
  if (serverUrl) {
    try {
      const [{ version }] = await adminQuery<{ version: string }>(serverUrl, 'SELECT version()');
      postgres = version;
      const settings = await adminQuery<{ name: string; setting: string }>(serverUrl, "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections') ORDER BY name");
      postgresDurability = settings.map((s) => `${s.name}=${s.setting}`).join(', ');
    } catch (error) {
      postgres = `unreachable (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return {
    os: `${osType()} ${release()}`,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    memoryGiB: totalmem() / 1024 ** 3,
    freeMemoryGiB: freemem() / 1024 ** 3,
    node: process.version,
    postgres,
    postgresDurability,
  };
}
