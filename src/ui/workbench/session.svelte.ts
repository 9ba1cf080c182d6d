/**
 * The open notebook's runtime (src/notebook): starting it with the stored parameter
 * values and uploads, following its cells' states, setting parameters, starting it
 * afresh (language change, upload removed), and closing it. In source view (safe
 * start) no runtime runs: the cells are listed as they stand, none computed.
 */
import type { CellState, NotebookDoc, NotebookIssue, ParamSpec } from '../../notebook/types.ts';
import type { Locale } from '../../i18n/format.ts';
import type { ParamProblem } from '../../notebook/params.ts';
import type { NotebookModule, Runtime, UploadFile } from '../bridge.ts';
import { browserEnv } from '../env.ts';

/** A parameter value that was not applied: what is wrong (worded by src/ui/i18n.ts paramProblemText), else the runtime's message. */
export interface ParamRefusal {
  problem?: ParamProblem;
  message: string;
}

export class Session {
  cells = $state.raw<CellState[]>([]);
  params = $state.raw<Record<string, unknown>>({});
  paramErrors = $state.raw<Record<string, ParamRefusal>>({});
  /** Bumped whenever a new runtime replaces the old one (components re-read it). */
  version = $state(0);
  runtime: Runtime | null = null;
  private unsubscribe: (() => void) | null = null;

  /**
   * Starts a runtime on `doc`. Stored values the notebook no longer declares are
   * dropped; a value it no longer accepts falls back to its default and is returned
   * in `dropped` (with what is wrong, for the notice). `issues` are the runtime's
   * other problems with the initial values.
   */
  async start(
    nb: NotebookModule,
    doc: NotebookDoc,
    params: Record<string, unknown>,
    options: { locale: Locale; uploads: Record<string, UploadFile> },
  ): Promise<{ issues: NotebookIssue[]; dropped: { spec: ParamSpec; problem: ParamProblem }[] }> {
    this.close();
    const dropped: { spec: ParamSpec; problem: ParamProblem }[] = [];
    const kept: Record<string, unknown> = {};
    for (const spec of doc.meta.params) {
      if (!Object.hasOwn(params, spec.name)) continue;
      try {
        kept[spec.name] = nb.checkParamValue(spec, params[spec.name]);
      } catch (err) {
        const problem = (err as { problem?: ParamProblem }).problem;
        if (problem) dropped.push({ spec, problem });
      }
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the runtime's input, never reactive state
    const env = await browserEnv({ locale: options.locale, params: kept, uploads: new Map(Object.entries(options.uploads)) });
    let runtime: Runtime;
    try {
      runtime = nb.createRuntime(doc, env);
    } catch {
      // A stored value the notebook no longer accepts: start from the defaults.
      runtime = nb.createRuntime(doc, { ...env, params: {} });
    }
    this.runtime = runtime;
    this.params = { ...runtime.params };
    this.paramErrors = {};
    this.cells = runtime.states().map((s) => ({ ...s }));
    this.unsubscribe = runtime.subscribe((ids) => this.follow(ids));
    this.version++;
    return { issues: runtime.issues(), dropped };
  }

  /** Source view: `doc`'s cells listed, none computed, with the stored parameter values kept. */
  showUncomputed(doc: NotebookDoc, params: Record<string, unknown>): void {
    this.close();
    const defaults = Object.fromEntries(doc.meta.params.map((p) => [p.name, p.default]));
    this.params = { ...defaults, ...params };
    this.paramErrors = {};
    this.cells = doc.cells.map((c) => uncomputed(c.id, c.kind));
    this.version++;
  }

  /** After an edit: the runtime recomputes what changed; in source view the list follows the document. */
  setDoc(doc: NotebookDoc): void {
    if (this.runtime) this.runtime.setDoc(doc);
    else this.cells = doc.cells.map((c) => this.cells.find((s) => s.id === c.id) ?? uncomputed(c.id, c.kind));
  }

  /** Sets a parameter; a refused value is kept as an error message under its control. */
  setParam(name: string, value: unknown): boolean {
    const rt = this.runtime;
    if (!rt) return false;
    try {
      rt.setParam(name, value);
    } catch (err) {
      const problem = (err as { problem?: ParamProblem }).problem;
      this.refuseParam(name, { problem, message: err instanceof Error ? err.message : String(err) });
      return false;
    }
    if (this.paramErrors[name]) {
      const rest = { ...this.paramErrors };
      delete rest[name];
      this.paramErrors = rest;
    }
    this.params = { ...rt.params };
    return true;
  }

  /** Keeps a refused value's reason under its control (text that is not a number never reaches the runtime). */
  refuseParam(name: string, refusal: ParamRefusal): void {
    this.paramErrors = { ...this.paramErrors, [name]: refusal };
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.runtime?.dispose();
    this.runtime = null;
  }

  private follow(ids: string[]): void {
    const rt = this.runtime;
    if (!rt) return;
    // Unchanged cells keep their object, so their components do not redraw.
    const before = Object.fromEntries(this.cells.map((c) => [c.id, c]));
    this.cells = rt.states().map((s) => (ids.includes(s.id) || !Object.hasOwn(before, s.id) ? { ...s } : before[s.id]!));
  }
}

function uncomputed(id: string, kind: CellState['kind']): CellState {
  return { id, kind, status: 'pending', runCount: 0, inputs: [] };
}
