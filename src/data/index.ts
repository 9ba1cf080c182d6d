/** Loading panels, mapping columns to roles, validation, bundled data sets. No fs: callers pass bytes. */
export { loadTable, LoadError, type LoadOptions } from './load.ts';
export { gunzip, InflateLimitError, MAX_INFLATED_BYTES } from './gunzip.ts';
export { detectFormat, formatFromName, isGzip, isTableFileName, sniffFormat, TABLE_FILE_ACCEPT, type TableFormat } from './format.ts';
export { completeRoles, guessRoles, ROLE_NAMES, type CompleteRolesOptions, type Roles } from './roles.ts';
export { validatePanel, toPanel, PanelError, comparePeriods, type PanelIssue, type PanelIssueCode, type PanelOptions } from './validate.ts';
export { BUNDLED_DATASETS, type BundledDataset } from './bundled.ts';
export { generatePanel, PANEL_SEED, type PanelTruth } from './generate.ts';
export { aggregatePanel, levelNames, type AggregateOptions } from '../measure/panel.ts';
export type { Panel, ReadoutInput } from '../measure/types.ts';
