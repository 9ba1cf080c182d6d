/**
 * Gzip decompression with a ceiling on what it may produce, so a small file that
 * inflates to gigabytes (a gzip bomb) is refused with the limit named instead of
 * filling memory. Uses the platform's DecompressionStream (native, several times
 * faster than JavaScript) where there is one, else fflate's streaming inflater.
 */
import { Gunzip, gzipSync } from 'fflate';

/** The most bytes a file may inflate to in memory (the JS path; DuckDB streams larger files). */
export const MAX_INFLATED_BYTES = 512 * 2 ** 20;

export class InflateLimitError extends Error {
  override name = 'InflateLimitError';
  constructor(readonly limit: number) {
    super(`it inflates to more than ${Math.round(limit / 2 ** 20)} MB, the most read into memory at once`);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

export async function gunzip(bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const take = (c: Uint8Array) => {
    total += c.length;
    if (total > limit) throw new InflateLimitError(limit);
    chunks.push(c);
  };
  if (typeof DecompressionStream !== 'undefined') {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
      }
    } catch (e) {
      await reader.cancel().catch(() => undefined);
      throw e;
    }
    return concat(chunks, total);
  }
  let failure: unknown;
  const inflater = new Gunzip((chunk) => {
    if (failure) return;
    try { take(chunk); } catch (e) { failure = e; }
  });
  // feed in slices so the limit stops the work early
  const step = 1 << 20;
  for (let i = 0; i < bytes.length && !failure; i += step) inflater.push(bytes.subarray(i, i + step), i + step >= bytes.length);
  if (failure) throw failure;
  return concat(chunks, total);
}

/**
 * Gzip compression, for data a report file carries (the user's summed panel as JSON
 * shrinks several times): the platform's CompressionStream where there is one (Node,
 * every current browser), else fflate.
 */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'undefined') return gzipSync(bytes);
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
