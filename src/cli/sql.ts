/**
 * `nanolift sql`: prints the one SELECT that turns a raw panel into the measurement
 * panel (unit, period [, level] [, group], the outcome summed), for the warehouse
 * where the panel lives. The same aggregation spec runs in `nanolift measure`; see
 * docs/data.md.
 */
import { parseArgs } from 'node:util';
import { compileSql } from '../data/sql.ts';
import { SQL_DIALECTS, SpecError, type SqlDialect } from '../data/spec.ts';
import { type Command, UsageError } from './io.ts';
import { specFromFlags } from './panel-source.ts';

const HELP = `Usage: nanolift sql --dialect ${SQL_DIALECTS.join('|')} (--table NAME | --data FILE)
       --unit COL --time COL --outcome COL [--filter COL=VALUE ...] [--level COL ...]
       [--group-col COL] [--date-format DD.MM.YYYY]

Prints one SELECT returning unit, period, each --level column and the group (when
given) with the outcome summed, one row per combination, ordered. Every name and
value is quoted for the dialect. --table may be schema-qualified (sales.panel);
--data FILE (DuckDB only) reads a CSV, Parquet or JSON file where it lies.
--date-format parses a period written as text (e.g. DD.MM.YYYY) to a date.
`;

export const sql: Command = async (args, io) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        dialect: { type: 'string', default: 'duckdb' },
        table: { type: 'string' },
        data: { type: 'string' },
        unit: { type: 'string' },
        time: { type: 'string' },
        outcome: { type: 'string' },
        filter: { type: 'string', multiple: true },
        level: { type: 'string', multiple: true },
        'group-col': { type: 'string' },
        'date-format': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  if (values.help) { io.stdout(HELP); return 0; }
  const dialect = values.dialect as string;
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--dialect ${dialect} is not known: use ${SQL_DIALECTS.join(', ')}`);
  if (!values.table && !values.data) throw new UsageError('name the table with --table NAME (or, for DuckDB, a file with --data FILE)');
  if (values.table && values.data) throw new UsageError('give either --table or --data, not both');
  if (values.data && dialect !== 'duckdb') throw new UsageError(`--data reads a file, which only DuckDB does in SQL; for ${dialect}, load the file into a table and give --table`);
  for (const k of ['unit', 'time', 'outcome'] as const) if (!values[k]) throw new UsageError(`--${k} is required: ${k === 'unit' ? 'the column with the store or region id' : k === 'time' ? 'the column with the period (week, date or year)' : 'the numeric column to sum'}`);
  const spec = specFromFlags({
    source: values.table ? { table: values.table } : { file: values.data! },
    unit: values.unit!,
    time: values.time!,
    outcome: values.outcome!,
    filters: values.filter,
    levels: values.level,
    groupCol: values['group-col'],
    dateFormat: values['date-format'],
  });
  try {
    io.stdout(compileSql(spec, dialect as SqlDialect) + ';\n');
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
  return 0;
};
