import type { Command } from './io.ts';
import { UsageError } from './io.ts';
export const simulate: Command = async () => { throw new UsageError('simulate is not built yet'); };
export const presets: Command = async () => { throw new UsageError('presets is not built yet'); };
