// A throwaway PostgreSQL cluster for the integration tests (docs/data.md):
//
//   npx tsx scripts/postgres/cluster.ts ensure   finds Debian's PostgreSQL; installs it with apt when run as root,
//                                              otherwise stops with the command that installs it
//   npx tsx scripts/postgres/cluster.ts start    initdb in a temp folder, a server on a free port of 127.0.0.1; prints
//                                              a connection as JSON ({ host, port, user, database, dir })
//   npx tsx scripts/postgres/cluster.ts stop     stops the server this script started and removes its folder
//
// The cluster trusts local connections (it lives for one test run, on loopback only)
// and uses the C locale, so text sorts byte by byte as DuckDB sorts it.
import { execSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where a cluster's connection is recorded; each test run passes its own, so parallel runs leave each other alone. */
const STATE = join(ROOT, '.cache', 'postgres', 'cluster.json');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const log = (msg: string) => process.stderr.write(`[postgres] ${msg}\n`);

export interface PgCluster {
  host: string;
  port: number;
  user: string;
  database: string;
  /** The cluster's temp folder (data, log, socket). */
  dir: string;
  /** PostgreSQL's programs. */
  bin: string;
}

/** The folder with initdb, pg_ctl and postgres: pg_config's, else Debian's newest /usr/lib/postgresql/N/bin. */
function binDir(): string | undefined {
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (r.status === 0 && existsSync(join(r.stdout.trim(), 'initdb'))) return r.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

const psqlPath = () => (spawnSync('psql', ['--version']).status === 0 ? 'psql' : undefined);

/** Finds PostgreSQL (server and psql), installing Debian's package when we are root. */
export function ensure(): string {
  let bin = binDir();
  if (bin && psqlPath()) return bin;
  if (!isRoot) {
    throw new Error('PostgreSQL was not found. Install it and run the tests again:\n  sudo apt-get update && sudo apt-get install -y postgresql');
  }
  log("PostgreSQL not found: installing Debian's postgresql (about 30 s) ...");
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    throw new Error('Installing PostgreSQL failed. Install it by hand and run the tests again:\n  sudo apt-get update && sudo apt-get install -y postgresql');
  }
  bin = binDir();
  if (!bin || !psqlPath()) throw new Error('PostgreSQL was installed but initdb or psql is still missing');
  return bin;
}

/** initdb refuses to run as root: as root, the server runs as Debian's postgres user. */
function asServerUser(cmd: string, args: string[]): string {
  const r = isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  return r.stdout;
}

export function status(stateFile = STATE): PgCluster | undefined {
  if (!existsSync(stateFile)) return undefined;
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as PgCluster;
  const r = spawnSync(join(state.bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(state.port)]);
  return r.status === 0 ? state : undefined;
}

export async function start(stateFile = STATE): Promise<PgCluster> {
  const running = status(stateFile);
  if (running) return running;
  stop(stateFile);
  const bin = ensure();
  const dir = mkdtempSync(join(tmpdir(), 'nanolift-pg-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  if (isRoot) {
    const uid = Number(execSync('id -u postgres').toString().trim());
    const gid = Number(execSync('id -g postgres').toString().trim());
    chownSync(dir, uid, gid);
    chownSync(data, uid, gid);
  }
  const port = await freePort();
  const user = 'nanolift';
  asServerUser(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '--locale=C', '--encoding=UTF8', '--no-sync']);
  const state: PgCluster = { host: '127.0.0.1', port, user, database: 'postgres', dir, bin };
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`, 'start']);
  log(`server on 127.0.0.1:${port} (data in ${data})`);
  return state;
}

export function stop(stateFile = STATE): void {
  if (!existsSync(stateFile)) return;
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as PgCluster;
  try { asServerUser(join(state.bin, 'pg_ctl'), ['-D', join(state.dir, 'data'), '-m', 'fast', '-w', 'stop']); } catch { /* not running */ }
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
}

/** Runs SQL through psql and returns the rows of the last statement as CSV text (header first). */
export function psql(state: PgCluster, sql: string): string {
  const r = spawnSync('psql', ['-h', state.host, '-p', String(state.port), '-U', state.user, '-d', state.database, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '--csv', '-f', '-'], { input: sql, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`psql failed: ${(r.stderr || String(r.error)).trim()}`);
  return r.stdout;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  try {
    if (cmd === 'ensure') console.log(ensure());
    else if (cmd === 'start') console.log(JSON.stringify(await start()));
    else if (cmd === 'status') { const s = status(); console.log(s ? JSON.stringify(s) : 'not running'); process.exitCode = s ? 0 : 1; }
    else if (cmd === 'stop') stop();
    else { console.error('usage: npx tsx scripts/postgres/cluster.ts ensure|start|status|stop'); process.exitCode = 2; }
  } catch (e) {
    console.error(`[postgres] ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
