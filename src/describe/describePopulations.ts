/**
 * `eval describe` as a library call: population files in, DescribeResult
 * out (read → column plan → value checks → counts → disclosure control).
 * Nothing is written here; buildDescribeFiles + writeReportDir do that.
 */
import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import { IssueCollector } from '../read/issues.js';
import { VERSION } from '../version.js';
import { DEFAULT_AGE_GROUPS, parseAgeGroups } from './ageGroups.js';
import { table1Rows, tabulationOf, type CountedPopulation } from './assembleResult.js';
import { planColumns, type ColumnChoices } from './columnPlan.js';
import { sortedLevels } from './levels.js';
import { populationTables, type PopulationTables } from './populationTables.js';
import { readPopulations, type PopulationData } from './readPopulation.js';
import { distinctSlugs } from './slug.js';
import { isPrimaryCount, suppressCells } from './suppression.js';
import { DESCRIBE_SCHEMA, type AgeGroup, type DescribeResult, type Tabulation } from './types.js';
import { checkRowsVariable, validateValues } from './validateValues.js';

export interface DescribeInput {
  path: string;
  /** Shown name of the population (default: the file's base name without extension). */
  name?: string;
}

export interface DescribeOptions extends ColumnChoices {
  /** Disclosure threshold (default 5): counts of 1 … minCellSize − 1 persons are suppressed. */
  minCellSize?: number;
  /** Age groups as "19-21,22-24" or parsed (default 19–21, 22–24, 25–27, 28–29). */
  ageGroups?: string | readonly AgeGroup[];
  onProgress?: (message: string) => void;
}

export const DEFAULT_MIN_CELL_SIZE = 5;

/** Tables are written as tables/<prefix><population>-<column>.csv. */
export const TABULATION_FILE_PREFIX = 'tables/tab-';

export async function describePopulations(inputs: readonly DescribeInput[], options: DescribeOptions = {}): Promise<DescribeResult> {
  const minCellSize = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  if (!Number.isInteger(minCellSize) || minCellSize < 1) throw new UsageError(`the minimum cell size must be a whole number ≥ 1 (got ${minCellSize})`);
  if (inputs.length === 0) throw new UsageError('describe needs at least one population file');
  const ageGroups = typeof options.ageGroups === 'string' || options.ageGroups === undefined
    ? parseAgeGroups(options.ageGroups ?? DEFAULT_AGE_GROUPS)
    : [...options.ageGroups];
  const files = inputs.map((input) => ({ path: input.path, name: (input.name ?? basename(input.path, extname(input.path))).trim() }));
  checkNames(files.map((f) => f.name));

  const issues = new IssueCollector();
  options.onProgress?.(`reading ${files.length} population file${files.length === 1 ? '' : 's'}`);
  const populations = await readPopulations(files, issues);
  // Values are checked even after row problems, so one run lists every problem.
  let plan: ReturnType<typeof planColumns>;
  try {
    plan = planColumns(populations, options);
  } catch (error) {
    // A flag may name a column of a file that could not be read: the data errors come first.
    if (error instanceof UsageError) issues.throwIfAny();
    throw error;
  }
  validateValues(populations, plan.described, issues);
  if (options.by !== undefined) checkRowsVariable(populations, options.by, issues);
  issues.throwIfAny();

  options.onProgress?.('counting and applying disclosure control');
  const levels = new Map<string, string[]>();
  for (const column of plan.described) {
    if (column.kind !== 'categorical') continue;
    levels.set(column.key, sortedLevels(populations.flatMap((p) => (p.columns.get(column.key)?.values ?? []).filter((v) => v !== ''))));
  }
  const slugs = distinctSlugs(files.map((f) => f.name));
  const tabSlugs = distinctSlugs([...plan.described.map((c) => c.name), 'age_group']);
  const columnSlugs = new Map(plan.described.map((c, i) => [c.key, tabSlugs[i]]));
  const ageSlug = tabSlugs[plan.described.length];

  const counted: CountedPopulation[] = populations.map((data, i) => {
    const rowsKey = rowsKeyOf(data, options.by);
    const tables = populationTables(data, { columns: plan.described, levels, rowsKey, ageGroups });
    const suppression = suppressCells(tables.registry, minCellSize, smallComplements(tables, minCellSize));
    return { data, tables, suppression, rowsVariable: rowsKey === null ? null : data.columns.get(rowsKey)!.name, slug: slugs[i] };
  });

  const tabulations: Tabulation[] = [];
  for (const p of counted) {
    for (const tab of p.tables.tabulations) {
      const column = plan.described.find((c) => c.key === tab.key)!;
      const file = `${TABULATION_FILE_PREFIX}${p.slug}-${tab.ageGroups ? ageSlug : columnSlugs.get(tab.key)}.csv`;
      tabulations.push(tabulationOf(p, tab, column.name, file));
    }
  }

  const warnings = [...plan.warnings];
  for (const p of counted) {
    if (p.rowsVariable === null) warnings.push(`${p.data.name} has no municipality or block column: no tabulations for it`);
  }
  let primary = 0;
  let complementary = 0;
  for (const p of counted) {
    p.suppression.suppressed.forEach((hidden, cell) => {
      if (hidden && p.suppression.primary[cell]) primary++;
      else if (hidden) complementary++;
    });
  }

  return {
    schema: DESCRIBE_SCHEMA,
    tool: { name: 'effekt', version: VERSION },
    min_cell_size: minCellSize,
    age_groups: ageGroups,
    populations: counted.map((p) => {
      const n = p.suppression.suppressed[p.tables.n];
      return {
        name: p.data.name,
        file: p.data.source.file,
        sha256: p.data.source.sha256,
        rows: n ? null : p.data.source.rows,
        n: n ? null : p.data.count,
        n_suppressed: n,
        rows_variable: p.rowsVariable,
      };
    }),
    columns: plan.described.map((c) => ({ name: c.name, kind: c.kind })),
    excluded_columns: plan.excluded,
    table1: table1Rows(counted, plan.described),
    tabulations,
    disclosure: { min_cell_size: minCellSize, primary_suppressed: primary, complementary_suppressed: complementary },
    warnings,
  };
}

/**
 * A Table 1 share whose complement (N − count) is 1 … minCellSize − 1 tells
 * that only those few persons are outside it (0.96 of 100: 4 persons are not
 * K), so its count is suppressed too.
 */
function smallComplements(tables: PopulationTables, minCellSize: number): boolean[] {
  const forced = new Array<boolean>(tables.registry.values.length).fill(false);
  const total = tables.registry.values[tables.n];
  for (const cell of tables.shownShares) forced[cell] = isPrimaryCount(total - tables.registry.values[cell], minCellSize);
  return forced;
}

function checkNames(names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') throw new UsageError('a population name must not be empty');
    if (seen.has(name)) throw new UsageError(`two populations are named ${JSON.stringify(name)}: give each file its own --name`);
    seen.add(name);
  }
}

/** --by when given, else municipality, else block, else none. */
function rowsKeyOf(population: PopulationData, by: string | undefined): string | null {
  if (by !== undefined) return by.trim().toLowerCase();
  for (const key of ['municipality', 'block']) if (population.columns.has(key)) return key;
  return null;
}
