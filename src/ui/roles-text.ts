/**
 * The panel roles as the user sees them, in English and German: a label, what the
 * role is for (which sections it unlocks), and which roles are required (the unit,
 * the period and one outcome). The column-mapping form of a data cell, the upload
 * dialog and the "Measure a campaign" wizard show them. Roster roles (followers,
 * engagement rate...) keep their labels in src/ui/i18n.ts (ROLE_LABELS).
 */
import type { Locale } from '../i18n/format.ts';
import { fill, roleLabel } from './i18n.ts';

/** Display order: the required roles first, then what each optional one adds. */
export const PANEL_ROLES = ['unit', 'period', 'units', 'value', 'volume', 'sku', 'brand', 'category', 'group', 'price'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

/** The outcomes: at least one must have a column. */
export const OUTCOME_ROLES = ['units', 'value', 'volume'] as const;

interface RoleText {
  label: string;
  hint: string;
}

const TEXT: Record<Locale, Record<PanelRole, RoleText>> = {
  en: {
    unit: { label: 'Unit (region, store, city)', hint: 'One series per value: the test units and the controls they are compared with.' },
    period: { label: 'Period (day, week, month or year)', hint: 'Dates (2024-07-15, 15.07.2024) or numbers (a year, a week number).' },
    units: { label: 'Units sold', hint: 'A count per unit and period. One outcome (units, sales value or volume) is required.' },
    value: { label: 'Sales value (EUR)', hint: 'Revenue per unit and period. With a campaign cost it gives the ROI.' },
    volume: { label: 'Volume (litres, kg)', hint: 'Another outcome to measure.' },
    sku: { label: 'Product (SKU)', hint: 'Optional: adds the lift by product.' },
    brand: { label: 'Brand', hint: 'Optional: adds the lift by brand and lets you measure one brand.' },
    category: { label: 'Category', hint: 'Optional: adds the lift by category.' },
    group: { label: 'Test / control column', hint: 'Optional: marks the test units in the file (test, treated, 1 / control, dark, 0).' },
    price: { label: 'Price', hint: 'Optional: shown in the preview; prices are not summed into the panel.' },
  },
  de: {
    unit: { label: 'Einheit (Region, Markt, Stadt)', hint: 'Eine Reihe je Wert: die Testeinheiten und die Kontrollen, mit denen sie verglichen werden.' },
    period: { label: 'Periode (Tag, Woche, Monat oder Jahr)', hint: 'Datumsangaben (2024-07-15, 15.07.2024) oder Zahlen (ein Jahr, eine Wochennummer).' },
    units: { label: 'Absatz (Stück)', hint: 'Eine Anzahl je Einheit und Periode. Eine Zielgröße (Absatz, Umsatz oder Volumen) ist nötig.' },
    value: { label: 'Umsatz (EUR)', hint: 'Umsatz je Einheit und Periode. Mit den Kampagnenkosten ergibt er den ROI.' },
    volume: { label: 'Volumen (Liter, kg)', hint: 'Eine weitere Zielgröße.' },
    sku: { label: 'Artikel (SKU)', hint: 'Optional: ergänzt den Lift je Artikel.' },
    brand: { label: 'Marke', hint: 'Optional: ergänzt den Lift je Marke und erlaubt, eine Marke zu messen.' },
    category: { label: 'Kategorie', hint: 'Optional: ergänzt den Lift je Kategorie.' },
    group: { label: 'Test-/Kontrollspalte', hint: 'Optional: markiert die Testeinheiten in der Datei (test, treated, 1 / control, dark, 0).' },
    price: { label: 'Preis', hint: 'Optional: in der Vorschau sichtbar; Preise werden nicht ins Panel summiert.' },
  },
};

export function isPanelRole(role: string): role is PanelRole {
  return (PANEL_ROLES as readonly string[]).includes(role);
}

/** The label of a role: a panel role's own, else the roster label of src/ui/i18n.ts. */
export function panelRoleLabel(locale: Locale, role: string): string {
  return isPanelRole(role) ? TEXT[locale][role].label : roleLabel(locale, role);
}

export function panelRoleHint(locale: Locale, role: string): string | undefined {
  return isPanelRole(role) ? TEXT[locale][role].hint : undefined;
}

export const ROLE_FORM_TEXT: Record<Locale, Record<'required' | 'optional' | 'oneOutcome' | 'needsColumn' | 'noColumn' | 'preview' | 'firstRows' | 'twoRoles', string>> = {
  en: {
    required: 'required',
    optional: 'optional',
    oneOutcome: 'one outcome required',
    needsColumn: 'Choose a column for {role}.',
    noColumn: '(none)',
    preview: 'Preview',
    firstRows: 'The first rows of {file}',
    twoRoles: 'Column {column} is chosen for {a} and for {b}; give each role its own column.',
  },
  de: {
    required: 'erforderlich',
    optional: 'optional',
    oneOutcome: 'eine Zielgröße erforderlich',
    needsColumn: 'Wählen Sie eine Spalte für {role}.',
    noColumn: '(keine)',
    preview: 'Vorschau',
    firstRows: 'Die ersten Zeilen von {file}',
    twoRoles: 'Die Spalte {column} ist für {a} und für {b} gewählt; jede Rolle braucht ihre eigene Spalte.',
  },
};

/** What is missing or doubled in a panel mapping, worded for the form; empty when it can be used. */
export function roleProblems(roles: Record<string, string | undefined>, locale: Locale): string[] {
  const t = ROLE_FORM_TEXT[locale];
  const out: string[] = [];
  for (const r of ['unit', 'period'] as const) if (!roles[r]) out.push(fill(t.needsColumn, { role: panelRoleLabel(locale, r) }));
  if (!OUTCOME_ROLES.some((r) => roles[r])) out.push(fill(t.needsColumn, { role: OUTCOME_ROLES.map((r) => panelRoleLabel(locale, r)).join(' / ') }));
  const seen = new Map<string, string>();
  for (const [role, column] of Object.entries(roles)) {
    if (!column) continue;
    const prev = seen.get(column);
    if (prev) out.push(fill(t.twoRoles, { column, a: panelRoleLabel(locale, prev), b: panelRoleLabel(locale, role) }));
    else seen.set(column, role);
  }
  return out;
}
