import type { Roles } from './roles.ts';
import type { TableFormat } from './load.ts';

/** A data set shipped in data/; the caller fetches the bytes (Vite asset URL or fs) and passes them to loadTable. */
export interface BundledDataset {
  name: string;
  /** Path under data/ (the readable copy: the CLI's examples and the docs name it). */
  file: string;
  format: TableFormat;
  /**
   * The same rows as Arrow IPC (gzip), path under data/: what the app and the
   * report renderer load, about ten times faster to read than the CSV.
   */
  columnarFile?: string;
  description: string;
  roles: Roles;
  /** JSON with the injected effects, path under data/. */
  truthFile?: string;
}

export const BUNDLED_DATASETS: BundledDataset[] = [
  {
    name: 'retail-panel',
    file: 'panel/retail-panel.csv.gz',
    format: 'csv',
    columnarFile: 'panel/retail-panel.arrow.gz',
    description: 'Synthetic weekly retail panel: 48 regions x 104 weeks (2023-01-02 to 2024-12-23), one category (Energy drinks), 3 brands x 4 SKUs; a 6-week influencer campaign on Aurora in R07, R19, R33 from 2024-07-15 with +12 % on two promoted SKUs and carryover after it.',
    roles: { unit: 'region', period: 'week', sku: 'sku', brand: 'brand', category: 'category', units: 'units', value: 'value_eur', volume: 'volume_l', price: 'price_eur', group: 'group' },
    truthFile: 'panel/retail-panel.truth.json',
  },
];
