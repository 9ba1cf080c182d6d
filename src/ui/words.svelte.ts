/**
 * The words of problems in the reader's language (src/i18n/problem-text.ts), loaded
 * in the background once the first notebook has drawn in German (App.svelte), or
 * when the first problem with a code is shown in German: the first screen does not
 * carry them. Until they arrive the English message shows, and what reads them is
 * drawn again once they are here (they are state).
 */
type Words = typeof import('../i18n/problem-text.ts');

let words = $state.raw<Words | undefined>(undefined);
let loading: Promise<Words> | undefined;

/** Loads the words (once); resolves when they are here. */
export function loadWords(): Promise<Words> {
  loading ??= import('../i18n/problem-text.ts').then((m) => (words = m));
  return loading;
}

/** The words when loaded; else starts loading them and returns undefined. */
export function currentWords(): Words | undefined {
  if (!words) void loadWords();
  return words;
}
