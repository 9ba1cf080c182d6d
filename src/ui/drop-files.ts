/**
 * A drop zone for files: give the element `ondragover={dragOver}`,
 * `ondragleave={dragLeave}` and `ondrop={(e) => dropped(e, take)}`; `take` gets the
 * dropped files and the element is marked `over` while a file is dragged over it.
 * The data cells' "Use my own file" zone and the wizards' file step share it. Plain
 * event handlers, not a Svelte action: an action's runtime would load with the first
 * screen.
 */
const mark = (e: DragEvent, on: boolean) => (e.currentTarget as HTMLElement | null)?.classList.toggle('over', on);

export function dragOver(e: DragEvent): void {
  e.preventDefault();
  mark(e, true);
}

export function dragLeave(e: DragEvent): void {
  mark(e, false);
}

export function dropped(e: DragEvent, take: (files: FileList | null | undefined) => void): void {
  e.preventDefault();
  mark(e, false);
  take(e.dataTransfer?.files);
}
