// A throwaway Apache Spark standalone cluster on loopback for the integration tests
// and for trying `nanolift measure --engine spark` (docs/data.md):
//
//   npx tsx scripts/spark/cluster.ts install   pyspark from PyPI into .cache/spark/venv (pip's cache keeps the download)
//   npx tsx scripts/spark/cluster.ts start     a master and two workers on 127.0.0.1; prints the master URL
//   npx tsx scripts/spark/cluster.ts status    the master URL, if a cluster of ours runs
//   npx tsx scripts/spark/cluster.ts stop      stops the processes this script started (by their ids)
//
// Java 17 comes from the machine (java on PATH or JAVA_HOME). Nothing but PyPI is
// contacted; the processes' ids and logs live in .cache/spark/run/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.ts';
import { PROJECT_PYTHON } from '../../src/cli/spark.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPARK_DIR = join(ROOT, '.cache', 'spark');
// the Python that src/cli/spark.ts looks for first after SPARK_HOME and NANOLIFT_PYTHON
export const PYTHON = PROJECT_PYTHON;
const VENV = resolve(PYTHON, '..', '..');
/** Where a cluster keeps its ids and logs; each test run passes its own, so parallel runs leave each other alone. */
const RUN = join(SPARK_DIR, 'run');
const stateOf = (run: string) => join(run, 'cluster.json');
export const PYSPARK_VERSION = '3.5.7';

const log = (msg: string) => process.stderr.write(`[spark] ${msg}\n`);

function javaVersion() {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr);
  return m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : undefined;
}

/** The pyspark package folder (its bin/ holds spark-class), or undefined. */
function pysparkHome() {
  const lib = join(VENV, 'lib');
  if (!existsSync(lib)) return undefined;
  for (const py of readdirSync(lib)) {
    const home = join(lib, py, 'site-packages', 'pyspark');
    if (existsSync(join(home, 'bin', 'spark-class'))) return home;
  }
  return undefined;
}

/** Installs pyspark into the project's venv unless it is there; returns the Python to use. */
export interface SparkCluster {
  masterUrl: string;
  pids: number[];
}

export function install(): string {
  const java = javaVersion();
  if (!java || java < 17) {
    throw new Error(`Spark needs Java 17 or later (found ${java ?? 'none'}). Install it, e.g.: sudo apt-get install -y openjdk-17-jre-headless`);
  }
  if (existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import pyspark, sys; sys.exit(0 if pyspark.__version__ == '${PYSPARK_VERSION}' else 1)`]).status === 0) return PYTHON;
  mkdirSync(SPARK_DIR, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  log(`installing pyspark ${PYSPARK_VERSION} from PyPI into ${VENV} (about 300 MB the first time; pip's cache keeps it) ...`);
  let r = spawnSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${python} -m venv ${VENV} failed; install Python 3 with venv (sudo apt-get install -y python3-venv)`);
  r = spawnSync(PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `pyspark==${PYSPARK_VERSION}`], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`pip install pyspark==${PYSPARK_VERSION} failed (see above)`);
  return PYTHON;
}

const alive = (pid: number) => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

export function status(run = RUN): SparkCluster | undefined {
  if (!existsSync(stateOf(run))) return undefined;
  const state = JSON.parse(readFileSync(stateOf(run), 'utf8')) as SparkCluster;
  return state.pids.every(alive) ? state : undefined;
}

function countMatches(file: string, re: RegExp): number {
  if (!existsSync(file)) return 0;
  return (readFileSync(file, 'utf8').match(re) ?? []).length;
}

/** Starts a master and two workers (1 core, 1 GB each) on 127.0.0.1; resolves with { masterUrl, pids }. */
export async function start({ workers = 2, timeoutMs = 180_000, run = RUN } = {}): Promise<SparkCluster> {
  const running = status(run);
  if (running) return running;
  await stop(run);
  const stateFile = stateOf(run);
  install();
  const home = pysparkHome();
  if (!home) throw new Error(`pyspark in ${VENV} has no bin/spark-class`);
  rmSync(run, { recursive: true, force: true });
  mkdirSync(run, { recursive: true });
  const port = await freePort();
  const masterUrl = `spark://127.0.0.1:${port}`;
  const env = { ...process.env, SPARK_HOME: home, SPARK_LOCAL_IP: '127.0.0.1', SPARK_LOG_DIR: run, SPARK_WORKER_DIR: join(run, 'work'), PYSPARK_PYTHON: PYTHON };
  const launch = (name: string, args: string[]) => {
    const out = openSync(join(run, `${name}.log`), 'a');
    const child = spawn(join(home, 'bin', 'spark-class'), args, { env, detached: true, stdio: ['ignore', out, out] });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${name}`);
    return child.pid;
  };
  const pids = [launch('master', ['org.apache.spark.deploy.master.Master', '--host', '127.0.0.1', '--port', String(port), '--webui-port', String(await freePort())])];
  writeFileSync(stateFile, JSON.stringify({ masterUrl, pids }, null, 2));
  const t0 = Date.now();
  while (countMatches(join(run, 'master.log'), /Starting Spark master|I have been elected leader/g) < 2) {
    if (Date.now() - t0 > timeoutMs || !alive(pids[0])) { await stop(run); throw new Error(`the Spark master did not start; see ${join(run, 'master.log')}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  for (let i = 0; i < workers; i++) {
    pids.push(launch(`worker-${i + 1}`, ['org.apache.spark.deploy.worker.Worker', '--host', '127.0.0.1', '--cores', '1', '--memory', '1g', '--webui-port', String(await freePort()), '--work-dir', join(run, `work-${i + 1}`), masterUrl]));
    writeFileSync(stateFile, JSON.stringify({ masterUrl, pids }, null, 2));
  }
  while (countMatches(join(run, 'master.log'), /Registering worker 127\.0\.0\.1/g) < workers) {
    if (Date.now() - t0 > timeoutMs || !pids.every(alive)) { await stop(run); throw new Error(`the Spark workers did not register with ${masterUrl}; see the logs in ${run}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`master ${masterUrl} with ${workers} workers up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { masterUrl, pids };
}

/** Stops the processes recorded by start (each its own process group: the JVM behind spark-class). */
export async function stop(run = RUN): Promise<void> {
  const stateFile = stateOf(run);
  if (!existsSync(stateFile)) return;
  const { pids } = JSON.parse(readFileSync(stateFile, 'utf8')) as SparkCluster;
  for (const pid of [...pids].reverse()) {
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  const t0 = Date.now();
  // waiting on the event loop lets Node reap the processes it started itself
  while (pids.some(alive) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 200));
  for (const pid of pids) if (alive(pid)) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(stateFile, { force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  try {
    if (cmd === 'install') console.log(install());
    else if (cmd === 'start') console.log((await start()).masterUrl);
    else if (cmd === 'status') { const s = status(); console.log(s ? s.masterUrl : 'not running'); process.exitCode = s ? 0 : 1; }
    else if (cmd === 'stop') await stop();
    else { console.error('usage: npx tsx scripts/spark/cluster.ts install|start|status|stop'); process.exitCode = 2; }
  } catch (e) {
    console.error(`[spark] ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
