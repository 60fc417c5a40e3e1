/** The hardware and software a run was measured on, disclosed with every result. */
import { cpus, freemem, release, totalmem, type as osType } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { postgresUrl } from './peers/postgres.peer.ts';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramBytes: number;
  freeRamBytes: number;
  os: string;
  node: string;
  sqlite: string;
  postgres: string;
}

/** Reads the machine facts; the PostgreSQL version is 'unavailable: …' when it cannot connect. */
export async function machineInfo(): Promise<MachineInfo> {
  const cpu = cpus();
  const db = new DatabaseSync(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  let postgres: string;
  const client = new pg.Client({ connectionString: safeUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    postgres = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  } catch (err) {
    postgres = `unavailable: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    ramBytes: totalmem(),
    freeRamBytes: freemem(),
    os: `${osType()} ${release()}`,
    node: process.version,
    sqlite,
    postgres,
  };
}

function safeUrl(): string {
  try {
    return postgresUrl().href;
  } catch {
    return 'postgres://invalid@127.0.0.1:1/none';
  }
}
