/**
 * The notebook document and the runtime's view of its cells. ui/, report/ and cli/
 * build on these shapes; notebook/ owns them (extend rather than rename).
 */
import type { ChartSpec } from '../charts/types.ts';
import type { CellFormat } from '../i18n/table.ts';
import type { PanelIssue } from '../data/validate.ts';
import type { TableFormat } from '../data/format.ts';

export type { PanelIssue } from '../data/validate.ts';

export type ParamType = 'number' | 'integer' | 'select' | 'boolean' | 'string' | 'tiers';

/** A notebook parameter, declared in the front matter. */
export interface ParamSpec {
  name: string;
  type: ParamType;
  label: string;
  default: unknown;
  min?: number;
  max?: number;
  step?: number;
  /** For `select`: the allowed values and their labels (labelDe: the German label). */
  options?: { value: string | number; label: string; labelDe?: string }[];
  help?: string;
  /** Unit shown beside the control, e.g. "EUR", "%", "weeks". */
  unit?: string;
  /** Optional German label / help / unit (the UI falls back to the English ones). */
  labelDe?: string;
  helpDe?: string;
  unitDe?: string;
}

export type CellKind = 'markdown' | 'data' | 'transform' | 'simulate' | 'measure' | 'chart' | 'table';

/** A cell as written in the file: a kind, an id, and a declarative body. */
export interface Cell {
  id: string;
  kind: CellKind;
  /** The body exactly as written (YAML for declarative cells, Markdown for text). */
  source: string;
  /**
   * Markdown cells: the German text, written in the file as a ```nanolift de block
   * right after the English text (docs/notebook-format.md, "Two languages"). German
   * readers see it; without it they see `source`.
   */
  sourceDe?: string;
  /** 1-based line of the German block's opening fence, when parsed from text. */
  lineDe?: number;
  /** 1-based line of the cell's opening fence in the file, when parsed from text. */
  line?: number;
  /**
   * true for Markdown text written between fenced cells (no fence in the file); its
   * id is generated from its position ("md-1", "md-2", ...).
   */
  implicit?: boolean;
  /**
   * `hidden` on the fence: an intermediate result (a transform feeding a formatted
   * table) that the cells reading it use but the workbench folds away and the report
   * leaves out.
   */
  hidden?: boolean;
  /**
   * The fence's text after "nanolift" when it could not be understood (unknown kind,
   * bad id); kept so the file is written back as it was. The cell shows an error.
   */
  info?: string;
}

export interface NotebookMeta {
  title: string;
  description?: string;
  /** Optional German title/description. */
  titleDe?: string;
  descriptionDe?: string;
  params: ParamSpec[];
  /** Any other front-matter keys, kept so serialisation round-trips. */
  extra?: Record<string, unknown>;
}

export interface NotebookDoc {
  meta: NotebookMeta;
  cells: Cell[];
  /**
   * The front matter exactly as written; serialisation reuses it while `meta` still
   * matches it, so hand-written files round-trip byte for byte.
   */
  frontMatter?: string;
  /** Where the notebook came from (file name), for messages. */
  file?: string;
}

/** One problem found in a notebook: where it is and what to fix. */
export interface NotebookIssue {
  /** In English (the CLI and logs show it, and the workbench when it has no words for `code`). */
  message: string;
  line?: number;
  cellId?: string;
  field?: string;
  /** The problem as data, for words in the reader's language (src/i18n/problem-text.ts): a code and the values it needs. */
  code?: string;
  values?: Record<string, unknown>;
  /** For data problems: every issue src/data found, each with its file, row, column and value. */
  details?: PanelIssue[];
}

export interface TableValue {
  columns: {
    name: string;
    type: 'number' | 'string' | 'date' | 'boolean';
    format?: CellFormat;
    /** Heading shown instead of `name`. */
    label?: string;
  }[];
  rows: Record<string, unknown>[];
}

/** What a cell evaluates to, by kind. */
export type CellValue =
  | { kind: 'markdown'; html: string }
  | { kind: 'table'; table: TableValue; title?: string }
  | { kind: 'chart'; chart: ChartSpec }
  | {
      kind: 'data';
      table: TableValue;
      name: string;
      rowCount: number;
      roles?: Record<string, string>;
      source?: 'bundled' | 'upload';
      /** The format the bytes were read as when the name does not tell it (an uploaded panel kept as JSON under the file's own name). */
      format?: TableFormat;
    }
  | { kind: 'simulate'; result: unknown; analysis?: string }
  | { kind: 'measure'; result: unknown; analysis?: string }
  | { kind: 'transform'; table: TableValue; rowCount: number };

export type CellStatus = 'pending' | 'running' | 'ok' | 'error';

export interface CellState {
  id: string;
  kind: CellKind;
  status: CellStatus;
  value?: CellValue;
  error?: NotebookIssue;
  /** 0..1 while a heavy cell runs in the worker. */
  progress?: number;
  /** How many times this cell has been computed (tests use it to prove laziness). */
  runCount: number;
  /** Cells and parameters this cell reads. */
  inputs: string[];
  /** While pending because an input failed or was cancelled: the cells it waits for. */
  waitingFor?: string[];
  /** Milliseconds the last computation took. */
  elapsedMs?: number;
}
