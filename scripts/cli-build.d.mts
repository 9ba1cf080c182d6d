/** Types of scripts/cli-build.mjs (plain JavaScript so that bin/nanolift.js loads it without tsx). */
export const ROOT: string;
export const BUILT_MAIN: string;
export function cliBuildState(): 'missing' | 'stale' | 'fresh';
export function ensureCliBuilt(): Promise<void>;
