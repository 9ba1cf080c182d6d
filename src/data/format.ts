import { formatFromName, type TableFormat } from './load.ts';

export interface DetectedFormat {
  format: TableFormat;
  /** The bytes are gzip-compressed (by their magic number, whatever the name says). */
  gzip: boolean;
}

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/**
 * The format of a file from its first bytes, then its name: Parquet ("PAR1"), Arrow
 * IPC file ("ARROW1") or stream (0xFFFFFFFF), gzip (1f 8b), JSON (starts with { or
 * [), else the name's extension (formatFromName), else CSV, whose delimiter the
 * reader sniffs. `head` is the first few KB (or nothing, for the name alone).
 */
export function detectFormat(name: string, head?: Uint8Array): DetectedFormat {
  const byName = formatFromName(name);
  if (!head || head.length === 0) return { format: byName ?? 'csv', gzip: /\.gz$/i.test(name) };
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { format: 'parquet', gzip: false };
  if (startsWith(head, [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]) || startsWith(head, [0xff, 0xff, 0xff, 0xff])) return { format: 'arrow', gzip: false };
  if (startsWith(head, [0x1f, 0x8b])) return { format: byName ?? 'csv', gzip: true };
  let i = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x7b || head[i] === 0x5b) return { format: 'json', gzip: false };
  return { format: byName && byName !== 'json' ? byName : 'csv', gzip: false };
}
