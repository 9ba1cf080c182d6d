import type { Command } from './io.ts';
import { UsageError } from './io.ts';
export const measure: Command = async () => { throw new UsageError('measure is not built yet'); };
export const power: Command = async () => { throw new UsageError('power is not built yet'); };
