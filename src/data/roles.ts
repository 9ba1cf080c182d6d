/** Which column plays which part in a panel. `unit` and `period` are required. */
export interface Roles {
  unit: string;
  period: string;
  sku?: string;
  brand?: string;
  category?: string;
  units?: string;
  value?: string;
  volume?: string;
  price?: string;
  /** Test/control assignment per row (test, treated, 1, true vs control, dark, 0, false). */
  group?: string;
}

export const ROLE_NAMES = ['unit', 'period', 'sku', 'brand', 'category', 'units', 'value', 'volume', 'price', 'group'] as const;

const SYNONYMS: Record<keyof Roles, string[]> = {
  unit: ['unit', 'region', 'geo', 'store', 'market', 'location', 'state', 'city', 'dma', 'area'],
  period: ['period', 'week', 'date', 'day', 'time', 'year', 'month', 'week_start'],
  sku: ['sku', 'product', 'item', 'ean', 'upc', 'gtin'],
  brand: ['brand', 'line', 'product_line', 'productline'],
  category: ['category', 'cat', 'segment'],
  units: ['units', 'unit_sales', 'qty', 'quantity', 'sales_units', 'y'],
  value: ['value', 'revenue', 'sales_value', 'turnover', 'value_eur', 'revenue_eur', 'sales'],
  volume: ['volume', 'litres', 'liters', 'kg', 'volume_litres', 'volume_l', 'volume_kg', 'eq_volume'],
  price: ['price', 'avg_price', 'price_eur', 'unit_price'],
  group: ['group', 'arm', 'cell', 'treatment', 'treated', 'test', 'condition'],
};

/** Guesses roles from column names (case, spaces and dashes ignored); first match wins. */
export function guessRoles(columnNames: string[]): Partial<Roles> {
  const norm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');
  const taken = new Set<string>();
  const out: Partial<Roles> = {};
  for (const role of ROLE_NAMES) {
    const hit = columnNames.find((c) => !taken.has(c) && SYNONYMS[role].includes(norm(c)));
    if (hit) { out[role] = hit; taken.add(hit); }
  }
  return out;
}

export interface CompleteRolesOptions {
  /**
   * Keep a declared role whose column the table lacks (the notebook's checks then
   * name it); otherwise such a role is guessed like an undeclared one (the upload
   * dialog, where a new file replaces the one the notebook was written for).
   */
  keepMissing?: boolean;
  /** Fill undeclared panel roles with guessRoles (default true). */
  guess?: boolean;
}

/**
 * The roles in effect for a table with these columns: each declared role on its
 * column (matched exactly, else ignoring case, else a column named like the role),
 * then guessRoles for the panel roles still open, never giving one column two roles.
 * The data cells, the measure cells and the upload dialog all map columns with it.
 */
export function completeRoles(columns: readonly string[], declared: Readonly<Record<string, string>> = {}, options: CompleteRolesOptions = {}): Record<string, string> {
  const exact = new Set(columns);
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const find = (name: string | undefined) => (name === undefined ? undefined : exact.has(name) ? name : lower.get(name.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [role, column] of Object.entries(declared)) {
    const hit = find(column) ?? (options.keepMissing ? undefined : find(role));
    if (hit !== undefined) out[role] = hit;
    else if (options.keepMissing) out[role] = column;
  }
  if (options.guess === false) return out;
  const taken = new Set(Object.values(out));
  for (const [role, column] of Object.entries(guessRoles(columns as string[]))) {
    if (out[role] === undefined && column !== undefined && !taken.has(column)) {
      out[role] = column;
      taken.add(column);
    }
  }
  return out;
}
