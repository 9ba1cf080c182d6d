import type { ColumnTable } from 'arquero';
import { aggregatePanel } from '../measure/panel.ts';
import type { MeasureName, ReadoutInput } from '../measure/types.ts';
import type { Roles } from './roles.ts';
import { toPanel, type PanelOptions } from './validate.ts';

/**
 * From a long table to the estimator input: validates (throws PanelError), then
 * sums `measure` (default units, else the first measure mapped) over every other
 * column per unit x period, optionally for one SKU, brand or category.
 */
export function toReadoutInput(
  table: ColumnTable,
  roles: Roles,
  opts: PanelOptions & { measure?: MeasureName; level?: 'sku' | 'brand' | 'category'; name?: string } = {},
): ReadoutInput {
  const panel = toPanel(table, roles, opts);
  const measure = opts.measure ?? (['units', 'value', 'volume'] as const).find((m) => roles[m]);
  if (!measure) throw new Error('map a column to units, value or volume to measure it');
  return aggregatePanel(panel, { measure, level: opts.level, name: opts.name });
}
