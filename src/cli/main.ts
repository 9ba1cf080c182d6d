import { type CliIO, type Command, UsageError, processIO } from './io.ts';

/** Each command lives in its own file and is loaded only when used. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  simulate: { summary: 'simulate a campaign scenario (Monte Carlo)', load: async () => (await import('./simulate.ts')).simulate },
  presets: { summary: 'list the scenario presets', load: async () => (await import('./simulate.ts')).presets },
  measure: { summary: 'measure lift from a panel (test vs control regions)', load: async () => (await import('./measure.ts')).measure },
  calibrate: { summary: 'calibrate a scenario on measured lifts (Bayes on the readouts)', load: async () => (await import('./calibrate.ts')).calibrate },
  power: { summary: 'power analysis and minimum detectable effect for a test design', load: async () => (await import('./measure.ts')).power },
  sql: { summary: 'print the SQL that aggregates a raw panel, for DuckDB, Spark, Postgres, BigQuery or Snowflake', load: async () => (await import('./sql.ts')).sql },
  report: { summary: 'render a notebook to a static report (HTML, SVG or PNG)', load: async () => (await import('./report.ts')).report },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: nanolift <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'nanolift <command> --help' for a command's options.\n`;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`nanolift: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  try {
    const run = await command.load();
    return await run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`nanolift ${name}: ${err.message}\n`);
      return 2;
    }
    io.stderr(`nanolift ${name}: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return 1;
  }
}
