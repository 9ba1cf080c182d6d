/** The list of shipped notebooks from their file texts; shared by the Vite and the Node loaders. */
import { parseNotebook } from './parse.ts';

export interface ShippedNotebook {
  /** File name without `.md`, e.g. "nano-vs-micro-vs-mega". */
  name: string;
  /** Path from the project root, e.g. "notebooks/nano-vs-micro-vs-mega.md". */
  file: string;
  source: string;
  title: string;
  titleDe?: string;
  description?: string;
  descriptionDe?: string;
  /** The notebook the app opens on (`default: true` in the front matter). */
  default: boolean;
}

/** `files` maps a path ending in `<name>.md` to its text. The default notebook comes first, then by name. */
export function shippedFrom(files: Record<string, string>): ShippedNotebook[] {
  const list = Object.entries(files).map(([path, source]) => {
    const name = path.replace(/^.*\//, '').replace(/\.md$/, '');
    const { doc } = parseNotebook(source, `notebooks/${name}.md`);
    const item: ShippedNotebook = { name, file: `notebooks/${name}.md`, source, title: doc.meta.title, default: doc.meta.extra?.default === true };
    if (doc.meta.titleDe !== undefined) item.titleDe = doc.meta.titleDe;
    if (doc.meta.description !== undefined) item.description = doc.meta.description;
    if (doc.meta.descriptionDe !== undefined) item.descriptionDe = doc.meta.descriptionDe;
    return item;
  });
  return list.sort((a, b) => Number(b.default) - Number(a.default) || a.name.localeCompare(b.name));
}
