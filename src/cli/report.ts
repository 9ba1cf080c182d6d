import type { Command } from './io.ts';
import { UsageError } from './io.ts';
export const report: Command = async () => { throw new UsageError('report is not built yet'); };
