/** Where a command writes. Tests pass their own to capture output without spawning. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file as text or bytes; injected so tests can serve fixtures. */
  cwd: string;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/**
 * A problem with what the user gave us (arguments, a scenario, a data file).
 * The CLI prints `message` and exits with code 2; nothing else is printed.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string) {
    super(message);
  }
}

/** A command: takes its own arguments (after the command name), returns an exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;
