/**
 * The CLI's files: every file it reads is bounded (a regular file, at most a size
 * limit, YAML/JSON at most so deep), a file a scenario names must stay inside the
 * scenario's folder, and every file it writes is checked first (a folder, an input
 * file, an unwritable place). Every problem is a one-line UsageError (exit 2).
 */
import { access, mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from './io.ts';

const MiB = 1024 * 1024;

/** The largest file the CLI reads, per kind of file (bytes). */
export const INPUT_LIMITS = {
  /** A scenario (JSON or YAML): the presets are 2 to 4 KB. */
  scenario: 1 * MiB,
  /** A roster CSV: the bundled one has 4,000 accounts in 190 KB. */
  roster: 64 * MiB,
  /** A notebook: at most 500 cells of 100,000 characters each would be 50 MB; real ones are a few KB. */
  notebook: 8 * MiB,
  /** A panel or table (--data): read into memory whole. */
  data: 1024 * MiB,
} as const;

/** How deeply a scenario's or readout's JSON or YAML may nest (a scenario needs 4 levels, a readout 5). */
export const MAX_DEPTH = 32;

/** An errno code in words, for "cannot read/write" messages. */
export function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is a file, not a folder';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'the disk is full';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'EIO': return 'input/output error';
    default: return e?.code ?? (e?.message ?? String(err)).split('\n')[0]!;
  }
}

const size = (bytes: number) => (bytes >= MiB ? `${(bytes / MiB).toLocaleString('en', { maximumFractionDigits: 1 })} MB` : `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`);

/**
 * Reads a regular file of at most `maxBytes`. `label` starts the messages, e.g.
 * "cannot read scenario file 'x.yaml'" or "cannot read --data panel.csv".
 */
export async function readInputFile(path: string, label: string, maxBytes: number): Promise<Buffer> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    throw new UsageError(`${label}: ${errnoText(err)}`);
  }
  if (info.isDirectory()) throw new UsageError(`${label}: it is a folder, not a file`);
  // a device or pipe (/dev/zero, a FIFO) could be read forever
  if (!info.isFile()) throw new UsageError(`${label}: not a regular file`);
  if (info.size > maxBytes) throw new UsageError(`${label}: the file has ${size(info.size)}; at most ${size(maxBytes)} are read`);
  try {
    return await readFile(path);
  } catch (err) {
    throw new UsageError(`${label}: ${errnoText(err)}`);
  }
}

/**
 * The first place where `value` nests deeper than `limit` (as a path such as
 * `extra[0][0]`), or undefined. Iterative, so a hostile depth cannot overflow the stack.
 */
export function tooDeep(value: unknown, limit: number): string | undefined {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return path || '(top)';
    const entries = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x] as const) : Object.entries(v).map(([k, x]) => [path ? `.${k}` : k, x] as const);
    for (const [key, child] of entries) stack.push({ v: child, depth: depth + 1, path: `${path}${key}`.slice(0, 200) });
  }
  return undefined;
}

/**
 * Resolves `name` (as written in `file`, e.g. a scenario's roster.file) against
 * `folder` and refuses anything outside it: absolute paths, `..` that climbs out,
 * and symbolic links that lead out. Returns the real path of the file.
 */
export async function fileInsideFolder(name: string, folder: string, what: string): Promise<string> {
  const rule = `it must be a file in the scenario's folder or below it (${folder})`;
  if (isAbsolute(name) || /^[A-Za-z]:[\\/]/.test(name)) throw new UsageError(`${what} '${name}' is an absolute path; ${rule}`);
  const root = await realpath(folder);
  const lexical = resolve(folder, name);
  if (!contains(resolve(folder), lexical)) throw new UsageError(`${what} '${name}' leads outside the scenario's folder; ${rule}`);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch (err) {
    throw new UsageError(`${what} '${name}' cannot be read (${errnoText(err)}); it is resolved in the scenario's folder`);
  }
  if (!contains(root, real)) throw new UsageError(`${what} '${name}' is a link that leads outside the scenario's folder; ${rule}`);
  return real;
}

/** Is `path` the folder `root` itself or inside it? Both absolute and normalised. */
export function contains(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A file the CLI read, to be protected from being written over. */
export interface InputFile {
  path: string;
  /** How the user knows it, e.g. "the notebook" or "--data panel". */
  role: string;
}

/** Does `--out OUT` name a folder to write into: an existing folder, or OUT ending in a slash? */
export async function writesIntoFolder(out: string, cwd: string): Promise<boolean> {
  if (/[\\/]$/.test(out)) return true;
  return (await stat(resolve(cwd, out)).catch(() => undefined))?.isDirectory() ?? false;
}

async function identity(path: string): Promise<{ real: string; id?: string }> {
  const real = await realpath(path).catch(() => resolve(path));
  const info = await stat(path).catch(() => undefined);
  return { real, id: info ? `${info.dev}:${info.ino}` : undefined };
}

/**
 * Refuses to write `targets` when one of them is (or links to) an input file, is a
 * folder, or lies where nothing can be written. Checked before anything is computed.
 */
export async function checkOutputs(targets: string[], inputs: InputFile[]): Promise<void> {
  const ins = await Promise.all(inputs.map(async (i) => ({ ...i, ...(await identity(i.path)) })));
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (info?.isDirectory()) throw new UsageError(`--out: ${target} is a folder; name a file`);
    const t = await identity(target);
    const same = ins.find((i) => i.real === t.real || (t.id !== undefined && i.id === t.id));
    if (same) throw new UsageError(`--out ${target} would write over ${same.role}; choose another file`);
    // the nearest folder that exists must be a folder we may write to
    let folder = dirname(target);
    let folderInfo = await stat(folder).catch(() => undefined);
    while (!folderInfo && dirname(folder) !== folder) {
      folder = dirname(folder);
      folderInfo = await stat(folder).catch(() => undefined);
    }
    if (folderInfo && !folderInfo.isDirectory()) throw new UsageError(`cannot write ${target}: ${folder} is a file, not a folder`);
    await access(folder, constants.W_OK).catch((err) => {
      throw new UsageError(`cannot write ${target}: ${errnoText(err)} (${folder})`);
    });
  }
}

/**
 * Creates the missing folders above `path` one at a time (fs.mkdir's recursive mode
 * never returns for some places, e.g. under /proc) and writes the file; a failure is
 * a one-line message naming the file.
 */
export async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  const missing: string[] = [];
  for (let folder = dirname(path); !(await stat(folder).catch(() => undefined)) && dirname(folder) !== folder; folder = dirname(folder)) missing.unshift(folder);
  for (const folder of missing) {
    await mkdir(folder).catch((err) => {
      throw new UsageError(`cannot write ${path}: cannot create the folder ${folder} (${errnoText(err)})`);
    });
  }
  await writeFile(path, data).catch((err) => {
    throw new UsageError(`cannot write ${path}: ${errnoText(err)}`);
  });
}
