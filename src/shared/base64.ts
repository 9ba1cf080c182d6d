/**
 * Base64, the project's one encoder and decoder: standard (with padding) for CSP
 * hash sources and the data embedded in interactive reports, base64url (no padding)
 * for share links. Built on btoa/atob, which every browser, worker and Node 16+
 * provide, fed in 32 KiB slices so megabytes of data never overflow the call stack.
 * Pure, no imports (src/shared sits below every other folder).
 */

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

export interface Base64Options {
  /** base64url: `-` and `_` instead of `+` and `/`, and no `=` padding. */
  url?: boolean;
}

export function bytesToBase64(bytes: Uint8Array, options: Base64Options = {}): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const text = btoa(binary);
  return options.url ? text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : text;
}

/** The bytes `text` encodes, or null when it is not base64 (of the kind asked for). */
export function base64ToBytes(text: string, options: Base64Options = {}): Uint8Array | null {
  if (!(options.url ? URL_SAFE : STANDARD).test(text)) return null;
  if (options.url) {
    if (text.length % 4 === 1) return null;
    text = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  }
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
