/**
 * Regenerates src/domain/workingTime/holidaysNl.table.ts, the Dutch holidays of FIRST_YEAR..LAST_YEAR
 * as date-holidays gives them, so the bot does not load date-holidays (some 20 MB resident memory:
 * the data of every country, moment-timezone, calendar libraries) for these years.
 *
 *   npm run holidays:table
 *
 * Run it after upgrading date-holidays (test/unit/holidayTable.test.ts fails when the table and
 * date-holidays disagree) or to change the years covered. The rows come from the same mapping the
 * bot uses for years outside the table (nlHolidaysFromDateHolidays), in date-holidays' order.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { nlHolidaysFromDateHolidays, type NlHoliday } from '../src/domain/workingTime/holidays';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2075;

const ROOT = path.resolve(__dirname, '..', '..');
export const TABLE_FILE = path.join(ROOT, 'src', 'domain', 'workingTime', 'holidaysNl.table.ts');

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** The table module's source (before prettier) for the given years and date-holidays version. */
export function tableSource(version: string, first: number, last: number, holidaysOf: (year: number) => readonly NlHoliday[]): string {
  const rows: string[] = [];
  for (let year = first; year <= last; year++) {
    for (const h of holidaysOf(year)) {
      // The bot finds a year's rows by the day's year (holidays.ts fromTable).
      if (!h.day.startsWith(`${year}-`))
        throw new Error(`date-holidays lists ${h.day} (${h.name}) under ${year}: the table cannot hold it`);
      rows.push(`  [${[h.day, h.name, h.type, h.rule].map(quote).join(', ')}],`);
    }
  }
  return [
    `// Generated from date-holidays ${version} by \`npm run holidays:table\` (scripts/holidayTable.ts).`,
    '// Do not edit by hand. test/unit/holidayTable.test.ts checks it against date-holidays.',
    "// The Dutch holidays (date-holidays country NL, language nl) per year in date-holidays' order:",
    '// [day, name, type, rule].',
    '',
    `export const FIRST_YEAR = ${first};`,
    `export const LAST_YEAR = ${last};`,
    '',
    'export const NL_HOLIDAYS: readonly (readonly [day: string, name: string, type: string, rule: string])[] = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const version = (JSON.parse(fs.readFileSync(require.resolve('date-holidays/package.json'), 'utf8')) as { version: string }).version;
  const source = tableSource(version, FIRST_YEAR, LAST_YEAR, nlHolidaysFromDateHolidays);
  const options = (await prettier.resolveConfig(TABLE_FILE)) ?? {};
  const formatted = await prettier.format(source, { ...options, filepath: TABLE_FILE });
  const before = fs.existsSync(TABLE_FILE) ? fs.readFileSync(TABLE_FILE, 'utf8') : '';
  fs.writeFileSync(TABLE_FILE, formatted);
  const rows = formatted.split('\n').filter((l) => l.startsWith('  [')).length;
  console.log(
    `${path.relative(ROOT, TABLE_FILE)}: ${rows} holidays, ${FIRST_YEAR}–${LAST_YEAR}, date-holidays ${version}` +
      (before === formatted ? ' (unchanged)' : ' (written)'),
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
