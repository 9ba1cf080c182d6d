/**
 * Reading a share link (`#nb=1.…`, src/report/share.ts) into what the workbench
 * should do: open a notebook it has (a shipped one by name, or one with the same
 * text), add the notebook the link carries, or say why the link cannot be opened.
 * Nothing is changed here; the workbench acts on the answer.
 */
import type { Locale } from '../../i18n/format.ts';
import { loadShareModule } from '../bridge.ts';
import type { Catalogue, NotebookEntry } from './catalogue.svelte.ts';

export type SharedLink =
  | { kind: 'none' }
  | { kind: 'damaged'; message: string }
  | { kind: 'unknown-shipped'; name: string }
  | { kind: 'open'; entry: NotebookEntry; params: Record<string, unknown>; locale?: Locale }
  | { kind: 'add'; source: string; shippedName?: string; params: Record<string, unknown>; locale?: Locale };

export async function readSharedLink(hash: string, catalogue: Catalogue): Promise<SharedLink> {
  if (hash.length < 2) return { kind: 'none' };
  const share = await loadShareModule();
  if (!share.isShareFragment(hash)) return { kind: 'none' };
  let state;
  try {
    state = share.decodeShareState(hash);
  } catch (err) {
    return { kind: 'damaged', message: err instanceof Error ? err.message : String(err) };
  }
  const params = state.params ?? {};
  const locale = state.locale === 'en' || state.locale === 'de' ? state.locale : undefined;
  await Promise.all(catalogue.shipped.map((e) => catalogue.withSource(e)));
  // A link may name an unmodified shipped notebook instead of carrying its text (source '').
  const byName = state.shippedName ? catalogue.shipped.find((e) => e.name === state.shippedName) : undefined;
  const match =
    (byName && (state.source === '' || byName.source === state.source) ? byName : undefined) ?? catalogue.all().find((e) => e.source === state.source);
  if (match) return { kind: 'open', entry: match, params, locale };
  if (state.source === '') return { kind: 'unknown-shipped', name: String(state.shippedName) };
  return { kind: 'add', source: state.source, shippedName: state.shippedName, params, locale };
}
