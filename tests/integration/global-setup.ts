/**
 * Installs and starts what the integration tests query, and stops it afterwards:
 * a Spark standalone master with two workers on 127.0.0.1 (pyspark from PyPI into
 * .cache/spark/venv, Java 17 from the machine) and a throwaway PostgreSQL cluster
 * (Debian's package, installed with apt when run as root). Each run keeps its own
 * state folder, so parallel runs in one working tree leave each other alone.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import * as postgres from '../../scripts/postgres/cluster.ts';
import * as spark from '../../scripts/spark/cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sparkMaster: string;
    postgres: postgres.PgCluster;
  }
}

export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..');
  const sparkRun = join(root, '.cache', 'spark', `run-${process.pid}`);
  const pgState = join(root, '.cache', 'postgres', `cluster-${process.pid}.json`);
  const t0 = Date.now();
  const started = await Promise.allSettled([spark.start({ run: sparkRun }), postgres.start(pgState)]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await spark.stop(sparkRun);
    postgres.stop(pgState);
    throw failed.reason;
  }
  const cluster = (started[0] as PromiseFulfilledResult<spark.SparkCluster>).value;
  const pg = (started[1] as PromiseFulfilledResult<postgres.PgCluster>).value;
  process.stderr.write(`[integration] Spark ${cluster.masterUrl} and PostgreSQL 127.0.0.1:${pg.port} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  project.provide('sparkMaster', cluster.masterUrl);
  project.provide('postgres', pg);
  return async () => {
    await spark.stop(sparkRun);
    rmSync(sparkRun, { recursive: true, force: true });
    postgres.stop(pgState);
  };
}
