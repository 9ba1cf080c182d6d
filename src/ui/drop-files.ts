/**
 * A drop zone for files, as a Svelte action: `use:dropFiles={take}` on an element
 * calls `take` with the dropped files and marks the element `over` while a file is
 * dragged over it. The data cells' "Use my own file" zone and the wizards' file step
 * share it.
 */
export function dropFiles(node: HTMLElement, take: (files: FileList | null | undefined) => void) {
  let handler = take;
  const over = (on: boolean) => node.classList.toggle('over', on);
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    over(true);
  };
  const onDragLeave = () => over(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    over(false);
    handler(e.dataTransfer?.files);
  };
  node.addEventListener('dragover', onDragOver);
  node.addEventListener('dragleave', onDragLeave);
  node.addEventListener('drop', onDrop);
  return {
    update(next: typeof take) {
      handler = next;
    },
    destroy() {
      node.removeEventListener('dragover', onDragOver);
      node.removeEventListener('dragleave', onDragLeave);
      node.removeEventListener('drop', onDrop);
    },
  };
}
