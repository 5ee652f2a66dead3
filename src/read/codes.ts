/**
 * codes.csv (data-contract §1): source codes of an agency extract mapped to
 * canonical spell types.
 */
import { spellTypeIndex, SPELL_TYPES } from '../panel/spellTypes.js';
import { columnLabel, locateColumns } from './columns.js';
import { streamCsv, type CsvFileSummary, type CsvHeader } from './csvStream.js';
import { IssueCollector } from './issues.js';

export interface CodeTable {
  source: CsvFileSummary;
  /** Source code → canonical type index (SPELL_TYPES). */
  typeOf: Map<string, number>;
}

export async function readCodes(path: string, rename: Readonly<Record<string, string>> = {}): Promise<CodeTable> {
  const issues = new IssueCollector();
  const typeOf = new Map<string, number>();
  let header!: CsvHeader;
  let col!: Record<'code' | 'type', number>;
  let file = '';
  const source = await streamCsv(
    path,
    (h) => {
      header = h;
      file = path.split(/[\\/]/).pop() ?? path;
      col = locateColumns(file, h, ['code', 'type'], [], rename);
    },
    (fields, line) => {
      if (fields.length !== header.names.length) {
        issues.add({ file, line, expected: `${header.names.length} fields, found ${fields.length}` });
        return;
      }
      const code = fields[col.code].trim();
      const type = fields[col.type].trim();
      const index = spellTypeIndex(type);
      if (code === '') issues.add({ file, line, column: columnLabel(header, col.code), value: code, expected: 'a source code' });
      else if (index < 0) issues.add({ file, line, column: columnLabel(header, col.type), value: type, expected: `a canonical type (${SPELL_TYPES.join(', ')})` });
      else if (typeOf.has(code) && typeOf.get(code) !== index) {
        issues.add({ file, line, column: columnLabel(header, col.code), value: code, expected: 'each code mapped to one type only' });
      } else typeOf.set(code, index);
    },
  );
  issues.throwIfAny();
  return { source, typeOf };
}
