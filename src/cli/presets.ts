/** `nanolift presets`: the built-in scenarios. Loads only the presets (not the simulation), so it starts fast. */
import { listPresets } from '../model/presets.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './io.ts';

const HELP = `Usage: nanolift presets

Lists the built-in scenarios; run one with 'nanolift simulate --preset NAME'.
`;

export const presets: Command = async (args, io) => {
  if (parseCommandArgs(args, { command: 'presets', options: {} }).help) {
    io.stdout(HELP);
    return 0;
  }
  const list = listPresets();
  const width = Math.max(...list.map((p) => p.name.length));
  io.stdout(list.map((p) => `${p.name.padEnd(width)}  ${p.title}\n${' '.repeat(width + 2)}${p.description}`).join('\n\n') + '\n');
  return 0;
};
