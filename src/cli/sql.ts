/**
 * `nanolift sql`: prints the one SELECT that turns a raw panel into the measurement
 * panel (unit, period [, level] [, group], the outcome summed), for the warehouse
 * where the panel lives. The same aggregation spec runs in `nanolift measure`; see
 * docs/data.md.
 */
import { compileDuplicateCheck, compileSql } from '../data/sql.ts';
import { SQL_DIALECTS, SpecError, type SqlDialect } from '../data/spec.ts';
import { parseCommandArgs } from './args.ts';
import { type Command, UsageError } from './io.ts';
import { specFromFlags } from './panel-source.ts';

const HELP = `Usage: nanolift sql --dialect ${SQL_DIALECTS.join('|')} (--table NAME | --data FILE)
       --unit COL --period COL --outcome COL [--filter COL=VALUE ...] [--level COL ...]
       [--group-col COL] [--date-format DD.MM.YYYY] [--check-duplicates [--key COL,COL]]

Prints one SELECT returning unit, period, each --level column and the group (when
given) with the outcome summed, one row per combination, ordered. Every name and
value is quoted for the dialect. --table may be schema-qualified (sales.panel);
--data FILE (DuckDB only) reads a CSV, Parquet or JSON file where it lies.
--date-format parses a period written as text (e.g. DD.MM.YYYY) to a date.
--time is the older name of --period.

--check-duplicates prints instead the SELECT that finds rows repeating a key among
the rows the filters keep: the --key columns (e.g. store,sku; default the unit and
the levels) with the period, how many rows repeat each (__rows), and in all the
keys that repeat (__keys) and the rows beyond the first (__extra); at most 20 keys,
ordered. No row back means no repeats: the summed panel counts each row once.
`;

const OPTIONS = {
  dialect: { type: 'string', hint: SQL_DIALECTS.join('|') },
  table: { type: 'string', hint: 'NAME' },
  data: { type: 'string', hint: 'FILE' },
  unit: { type: 'string', hint: 'COL' },
  period: { type: 'string', hint: 'COL' },
  time: { type: 'string', hint: 'COL' },
  outcome: { type: 'string', hint: 'COL' },
  filter: { type: 'string', multiple: true, hint: 'COL=VALUE' },
  level: { type: 'string', multiple: true, hint: 'COL' },
  'group-col': { type: 'string', hint: 'COL' },
  'date-format': { type: 'string', hint: 'DD.MM.YYYY' },
  'check-duplicates': { type: 'boolean' },
  key: { type: 'string', hint: 'COL,COL' },
} as const;

export const sql: Command = async (args, io) => {
  const { values, help } = parseCommandArgs(args, { command: 'sql', options: OPTIONS });
  if (help) { io.stdout(HELP); return 0; }
  if (values.period && values.time && values.period !== values.time) throw new UsageError('--period and --time are the same option with different values; give one');
  const period = values.period ?? values.time;
  const dialect = values.dialect ?? 'duckdb';
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--dialect ${dialect} is not known: use ${SQL_DIALECTS.join(', ')}`);
  if (!values.table && !values.data) throw new UsageError('name the table with --table NAME (or, for DuckDB, a file with --data FILE)');
  if (values.table && values.data) throw new UsageError('give either --table or --data, not both');
  if (values.data && dialect !== 'duckdb') throw new UsageError(`--data reads a file, which only DuckDB does in SQL; for ${dialect}, load the file into a table and give --table`);
  if (!values.unit) throw new UsageError('--unit is required: the column with the store or region id');
  if (!period) throw new UsageError('--period is required: the column with the period (week, date or year)');
  if (!values.outcome) throw new UsageError('--outcome is required: the numeric column to sum');
  if (values.key && !values['check-duplicates']) throw new UsageError('--key names the columns --check-duplicates checks; give --check-duplicates too');
  const spec = specFromFlags({
    source: values.table ? { table: values.table } : { file: values.data! },
    unit: values.unit!,
    time: period,
    outcome: values.outcome!,
    filters: values.filter,
    levels: values.level,
    groupCol: values['group-col'],
    dateFormat: values['date-format'],
    key: values.key?.split(','),
  });
  try {
    io.stdout((values['check-duplicates'] ? compileDuplicateCheck(spec, dialect as SqlDialect) : compileSql(spec, dialect as SqlDialect)) + ';\n');
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
  return 0;
};
