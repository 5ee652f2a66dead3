import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { headerLayout, refuseUtf16 } from '../../src/read/headerLine.js';

const layout = (text: string) => headerLayout('x.csv', Buffer.from(text, 'utf8'));

describe('headerLayout', () => {
  it('takes the delimiter from the header line: comma, semicolon or tab', () => {
    expect(layout('person_id,arm,randomized_on\nP1;FS;2015-01-01\n')).toEqual({ delimiter: ',', newline: '\n' });
    expect(layout('person_id;arm;randomized_on\r\nP1,FS,2015-01-01\r\n')).toEqual({ delimiter: ';', newline: '\r\n' });
    expect(layout('person_id\tarm\trandomized_on\n')).toEqual({ delimiter: '\t', newline: '\n' });
    expect(layout('person_id;arm\rP1;FS\r')).toEqual({ delimiter: ';', newline: '\r' });
  });

  it('ignores delimiters inside quoted names, including a quoted line break', () => {
    expect(layout('"kostnad; SEK",person_id\nx,y\n')).toEqual({ delimiter: ',', newline: '\n' });
    expect(layout('"a,b";"c\nd";e\r\n1;2;3\r\n')).toEqual({ delimiter: ';', newline: '\r\n' });
  });

  it('reads a header of one column (or an empty file) as comma-separated', () => {
    expect(layout('person_id\nP1\n')).toEqual({ delimiter: ',', newline: '\n' });
    expect(layout('')).toEqual({ delimiter: ',', newline: '\n' });
  });

  it('refuses a header line with two kinds of delimiter, counting them', () => {
    let error: unknown;
    try {
      layout('person_id;arm,randomized_on,gender\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues[0]).toMatchObject({ file: 'x.csv', line: 1 });
    expect((error as DataError).message).toContain("found 2 × ',', 1 × ';' outside quotes");
  });

  it('refuses UTF-16 with advice', () => {
    expect(() => refuseUtf16('x.csv', Buffer.from([0xff, 0xfe, 0x70, 0x00]))).toThrow(/UTF-16/);
    expect(() => refuseUtf16('x.csv', Buffer.from('person_id'))).not.toThrow();
  });
});
