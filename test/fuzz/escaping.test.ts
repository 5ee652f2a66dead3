/** The two gates hostile labels meet last: CSV cells and inlined chart SVG. */
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/report/csvSafety.js';
import { inlineSvg } from '../../src/report/inlineSvg.js';

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to text a spreadsheet could run as a formula', () => {
    for (const text of ['=1+1', '+cmd', '-1+1', '@SUM(A1)', '\t=1', '\r=1', ' =2+2', '\u00a0+1', '\u3000-1', '＝1', '＋1', '－1', '＠A1', '\n=1']) {
      expect(neutraliseFormula(text), JSON.stringify(text)).toBe(`'${text}`);
    }
  });

  it('leaves other text, numbers and empty cells alone', () => {
    for (const value of ['FS', 'gender=K', 'a=b', 'x+1', '', null, -0.03, 0, 12]) expect(neutraliseFormula(value)).toBe(value);
  });
});

const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">${inner}</svg>`;

describe('inlineSvg', () => {
  it('accepts plain drawing markup whose text reads like markup', () => {
    for (const inner of [
      '<text x="1">url(http://x) onload="y" &lt;script&gt;</text>',
      '<g aria-label="arm url(http://x) onload=&quot;y&quot;"><path d="M0,0h1"/></g>',
      '<defs><clipPath id="c"><rect width="1" height="1"/></clipPath></defs><g clip-path="url(#c)"><use-not-here/></g>'.replace('<use-not-here/>', ''),
      '<path fill="url(#gradient)" d="M0,0"/>',
    ]) {
      expect(() => inlineSvg(svg(inner), 'c'), inner).not.toThrow();
    }
  });

  it('refuses anything that could run script or load from outside', () => {
    for (const inner of [
      '<script>alert(1)</script>',
      '<foreignObject><div/></foreignObject>',
      '<image href="http://x/y.png"/>',
      '<use xlink:href="http://x/s.svg#a"/>',
      '<a href="javascript:alert(1)"><text>x</text></a>',
      '<rect onload="alert(1)"/>',
      '<rect ONCLICK="alert(1)"/>',
      '<rect fill="url(http://x/p)"/>',
      '<rect fill="u&#114;l(http://x/p)"/>',
      '<rect style="fill:url(http://x)"/>',
      '<style>rect{fill:url(http://x)}</style>',
      '<!-- comment --><rect/>',
      '<![CDATA[<script>alert(1)</script>]]>',
      '<rect fill=red/>',
      '<animate attributeName="href" to="javascript:alert(1)"/>',
    ]) {
      expect(() => inlineSvg(svg(inner), 'c'), inner).toThrow(/not a plain SVG/);
    }
    expect(() => inlineSvg('<?xml version="1.0"?>' + svg(''), 'c')).toThrow(/not a plain SVG/);
  });
});
