import { type CliIO, type Command, UsageError, processIO } from './io.ts';

/** Each command lives in its own file and is loaded only when used. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  simulate: { summary: 'simulate a campaign scenario (Monte Carlo)', load: async () => (await import('./simulate.ts')).simulate },
  presets: { summary: 'list the scenario presets', load: async () => (await import('./presets.ts')).presets },
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

/** Set NANOLIFT_DEBUG=1 to print the stack of an unexpected error. */
const debug = () => /^(1|true|yes)$/i.test(process.env.NANOLIFT_DEBUG ?? '');

/**
 * One line for an error nanolift did not expect (a bug, not bad input): what failed
 * and how to report it; the stack only with NANOLIFT_DEBUG=1.
 */
export function unexpectedError(command: string, err: unknown): string {
  const e = err as Error;
  const what = `${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${String(e?.message ?? err).split('\n')[0]!.slice(0, 300)}`;
  const line = `nanolift ${command}: unexpected error (${what}). This is a bug in nanolift, not in your input; please report it with the command you ran${debug() ? '' : ' and what NANOLIFT_DEBUG=1 prints'}.\n`;
  return debug() ? `${line}${e?.stack ?? String(err)}\n` : line;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { appVersion } = await import('./version.ts');
    io.stdout(`${appVersion()}\n`);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`nanolift: unknown command '${name.slice(0, 60)}'; commands: ${Object.keys(commands).join(', ')} (nanolift --help describes them)\n`);
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
    io.stderr(unexpectedError(name, err));
    return 1;
  }
}

/**
 * The `nanolift` executable (bin/nanolift.js): runs main on the process's arguments
 * and keeps late errors (a rejected promise after the command returned) to one line too.
 */
export async function run(argv: string[]): Promise<void> {
  const late = (err: unknown) => {
    process.stderr.write(unexpectedError(argv[0] ?? '', err));
    process.exit(1);
  };
  process.on('uncaughtException', late);
  process.on('unhandledRejection', late);
  process.exitCode = await main(argv);
}
