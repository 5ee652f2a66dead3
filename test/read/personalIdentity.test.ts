import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { IdentityNumberScreen } from '../../src/read/identityScreen.js';
import { classifyIdentityNumber } from '../../src/read/personalIdentity.js';

describe('classifyIdentityNumber', () => {
  it("knows Skatteverket's test personnummer in every written form", () => {
    // 121212-1212: Luhn over 121212121 with weights 2,1,…: 2+2+2+2+2+2+2+2+2 = 18, check digit 2.
    for (const text of ['19121212-1212', '191212121212', '121212-1212', '1212121212', '121212+1212']) {
      expect(classifyIdentityNumber(text), text).toBe('identity-number');
    }
  });

  it('knows a samordningsnummer (day of birth + 60), check digit computed by hand', () => {
    // Born 1912-12-12: day 12 + 60 = 72. Digits 1 2 1 2 7 2 1 2 1 weighted 2,1,2,1,2,1,2,1,2:
    // 2 2 2 2 14→1+4=5 2 2 2 2 = 21, check digit (10 - 1) % 10 = 9.
    expect(classifyIdentityNumber('121272-1219')).toBe('identity-number');
    expect(classifyIdentityNumber('191212721219')).toBe('identity-number');
    expect(classifyIdentityNumber('121272-1218')).toBe('bad-check-digit');
  });

  it('tells a wrong check digit from a valid one', () => {
    for (const text of ['19121212-1213', '191212121210', '1212121219']) expect(classifyIdentityNumber(text), text).toBe('bad-check-digit');
  });

  it('passes pseudonymized ids and numbers without a date of birth', () => {
    for (const text of ['1234567', '0000001', 'P0000001', '12345678901', '1213121212', '1212321212', '17121212-1212', '1212121212a', '12121212121', '121212*1212']) {
      expect(classifyIdentityNumber(text), text).toBe('other');
    }
    // 2000-02-29 exists, 1900-02-29 does not (12 digits tell the century).
    expect(classifyIdentityNumber('200002291234')).not.toBe('other');
    expect(classifyIdentityNumber('190002291234')).toBe('other');
  });
});

describe('IdentityNumberScreen', () => {
  const screen = (ids: string[]) => {
    const s = new IdentityNumberScreen();
    ids.forEach((id, i) => s.note(id, i + 2));
    return s;
  };

  it('refuses a file of identity numbers, naming lines and never an id', () => {
    const s = screen(['LOPNR', '191212121212', '121272-1219', '19121212-1212']);
    expect(s.refused).toBe(true);
    let error: unknown;
    try {
      s.throwIfRefused('participants.csv', 'person_id');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    const message = (error as DataError).message;
    expect(message).toContain('participants.csv, line 3, column person_id');
    expect(message).toContain("pseudonymized person ids (e.g. SCB's LopNr)");
    expect(message).toContain('3 of 3 ids');
    expect(message).toContain('lines 3, 4, 5');
    for (const id of ['191212121212', '121272', '1212', '1219']) expect(message).not.toContain(id);
  });

  it('refuses a single identity number among short LopNr', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => String(1_000_000 + i));
    ids[500] = '191212121212';
    expect(screen(ids).refused).toBe(true);
  });

  it('reads seven-digit LopNr, and ten-digit pseudonyms that pass the check digit only by chance', () => {
    expect(screen(['1234567', '7654321', '0000001']).refused).toBe(false);
    // Shaped like identity numbers, one in four with a valid check digit: not more than half.
    expect(screen(['1212121212', '1212121213', '1212121214', '1212121215']).refused).toBe(false);
  });
});
