/**
 * Share links: the notebook and its parameter state, deflated (fflate) and
 * base64url-encoded into the URL fragment. The fragment never reaches a server, so
 * a link shares nothing with anyone but its reader, and there is no server to run.
 *
 * Fragment shape: `nb=1.<payload>` where 1 is the format version and the payload is
 * base64url(deflate(JSON)). Bundled data sets are referenced by name through the
 * notebook's own data cells; uploaded data is never put in a link.
 *
 * A decoded state is untrusted: its `source` must go through parseNotebook's
 * validation before it is opened, and `params` are plain JSON values only.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { base64ToBytes, bytesToBase64 } from '../shared/base64.ts';
import { isForbiddenKey } from '../shared/safe-path.ts';

export const SHARE_FORMAT_VERSION = 1;
const PREFIX = 'nb=';

/**
 * The longest share URL we hand out: 8,000 characters. Chromium and Firefox open far
 * longer URLs, but links travel through mail clients, chat apps, office documents
 * and proxies that cut or reject URLs past about 8 KB (Apache and nginx default to
 * 8 KB request lines; IIS to 16 KB; several chat previews stop near 4-8 KB). A
 * link longer than that is refused with a message that offers the report file.
 */
export const MAX_SHARE_URL_LENGTH = 8000;

/** Decompressed states larger than this are refused (a guard against deflate bombs). */
const MAX_STATE_BYTES = 1_000_000;

export interface ShareState {
  /**
   * The notebook's source text (Markdown with front matter), as edited. Empty only
   * when `shippedName` names an unmodified shipped notebook too long to carry.
   */
  source: string;
  /** Current parameter values by name (plain JSON). */
  params: Record<string, unknown>;
  /** The shipped notebook's name when the source is that notebook unmodified. */
  shippedName?: string;
  locale?: 'en' | 'de';
}

export type ShareLinkProblem = 'garbage' | 'version' | 'too-long' | 'uploads';

/** Why a link cannot be made or opened, in words for the person at the screen. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
  constructor(
    readonly problem: ShareLinkProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A deep copy of plain JSON with prototype-polluting keys dropped. */
function plainJson(value: unknown, depth = 0): unknown {
  if (depth > 20) throw new ShareLinkError('garbage', 'This share link is damaged: its parameters are nested too deeply.');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v) => plainJson(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!isForbiddenKey(k)) out[k] = plainJson(v, depth + 1);
    }
    return out;
  }
  return null;
}

/** The fragment (without `#`) that carries `state`. */
export function encodeShareState(state: ShareState): string {
  const body: Record<string, unknown> = { v: SHARE_FORMAT_VERSION, source: state.source, params: plainJson(state.params ?? {}) };
  if (state.shippedName) body.shippedName = state.shippedName;
  if (state.locale) body.locale = state.locale;
  const packed = deflateSync(strToU8(JSON.stringify(body)), { level: 9 });
  return `${PREFIX}${SHARE_FORMAT_VERSION}.${bytesToBase64(packed, { url: true })}`;
}

/** True when a URL fragment (with or without `#`) looks like a Nanolift share link. */
export function isShareFragment(fragment: string): boolean {
  return fragment.replace(/^#/, '').startsWith(PREFIX);
}

/**
 * Reads a share fragment (`#nb=1.…`, `nb=1.…`, or a whole URL that contains one).
 * Throws ShareLinkError with a message that says what is wrong.
 */
export function decodeShareState(fragment: string): ShareState {
  let text = fragment.trim();
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(hash + 1);
  if (text.length > MAX_SHARE_URL_LENGTH) {
    throw new ShareLinkError('too-long', `This share link is ${text.length.toLocaleString('en')} characters long; Nanolift links are at most ${MAX_SHARE_URL_LENGTH.toLocaleString('en')}. Ask the sender for the report file instead.`);
  }
  if (!text.startsWith(PREFIX)) {
    throw new ShareLinkError('garbage', 'This is not a Nanolift share link: the part after # should start with "nb=".');
  }
  const rest = text.slice(PREFIX.length);
  const dot = rest.indexOf('.');
  const versionText = dot > 0 ? rest.slice(0, dot) : '';
  if (!/^\d+$/.test(versionText)) {
    throw new ShareLinkError('garbage', 'This share link is damaged: its format version is missing. It may have been cut off when it was copied.');
  }
  const version = Number(versionText);
  if (version !== SHARE_FORMAT_VERSION) {
    throw new ShareLinkError(
      'version',
      version > SHARE_FORMAT_VERSION
        ? `This share link was made by a newer Nanolift (link format ${version}); this app reads format ${SHARE_FORMAT_VERSION}. Open it in the newer app or ask for the report file.`
        : `This share link uses link format ${version}, which this Nanolift no longer reads (it reads format ${SHARE_FORMAT_VERSION}). Ask for a new link or the report file.`,
    );
  }
  const bytes = base64ToBytes(rest.slice(dot + 1), { url: true });
  if (!bytes || bytes.length === 0) {
    throw new ShareLinkError('garbage', 'This share link is damaged: it contains characters a Nanolift link never has. It may have been cut off or changed when it was copied.');
  }
  let json: string;
  try {
    const out = new Uint8Array(MAX_STATE_BYTES + 1);
    const inflated = inflateSync(bytes, { out });
    if (inflated.length > MAX_STATE_BYTES) {
      throw new ShareLinkError('too-long', `This share link unpacks to more than ${MAX_STATE_BYTES.toLocaleString('en')} bytes, more than any notebook Nanolift shares; it was refused.`);
    }
    json = strFromU8(inflated);
  } catch (err) {
    if (err instanceof ShareLinkError) throw err;
    throw new ShareLinkError('garbage', 'This share link is damaged: it does not unpack. It may have been cut off when it was copied.');
  }
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    throw new ShareLinkError('garbage', 'This share link is damaged: its contents are not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ShareLinkError('garbage', 'This share link is damaged: it holds no notebook.');
  }
  const b = body as Record<string, unknown>;
  if (b.v !== SHARE_FORMAT_VERSION) {
    throw new ShareLinkError('version', `This share link says format ${String(b.v)} inside but ${version} outside; it was changed by hand and was refused.`);
  }
  const shippedName = typeof b.shippedName === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(b.shippedName) ? b.shippedName : undefined;
  // A link may name a shipped notebook instead of carrying its text (see buildShareUrl).
  if (typeof b.source !== 'string' || (b.source.length === 0 && !shippedName)) {
    throw new ShareLinkError('garbage', 'This share link is damaged: it holds no notebook text.');
  }
  const params = b.params === undefined ? {} : plainJson(b.params);
  if (!params || typeof params !== 'object' || Array.isArray(params)) {
    throw new ShareLinkError('garbage', 'This share link is damaged: its parameters are not a set of name/value pairs.');
  }
  const state: ShareState = { source: b.source, params: params as Record<string, unknown> };
  if (shippedName) state.shippedName = shippedName;
  if (b.locale === 'en' || b.locale === 'de') state.locale = b.locale;
  return state;
}

/**
 * The full share URL for `state` on the app at `appUrl` (its fragment replaced).
 * Throws ShareLinkError when the notebook uses uploaded data or the URL would be
 * longer than MAX_SHARE_URL_LENGTH; the message offers the report file instead.
 */
export function buildShareUrl(appUrl: string, state: ShareState, options: { usesUploads?: boolean } = {}): string {
  if (options.usesUploads) {
    throw new ShareLinkError('uploads', 'This notebook uses data you uploaded. A share link cannot carry uploaded data (it would leave your computer in the link); export the report file instead, which embeds the results.');
  }
  const base = appUrl.replace(/#.*$/, '');
  let url = `${base}#${encodeShareState(state)}`;
  // An unmodified shipped notebook too long to carry is named instead (source '').
  if (url.length > MAX_SHARE_URL_LENGTH && state.shippedName) url = `${base}#${encodeShareState({ ...state, source: '' })}`;
  if (url.length > MAX_SHARE_URL_LENGTH) {
    throw new ShareLinkError('too-long', `This notebook is too large for a share link: the link would be ${url.length.toLocaleString('en')} characters, and links longer than ${MAX_SHARE_URL_LENGTH.toLocaleString('en')} break in mail and chat. Export the report file instead.`);
  }
  return url;
}
