/** The report's only styling, embedded in the page: no external CSS or fonts. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid #ddd; }
p, ul { max-width: 48rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption, caption { font-size: 0.9rem; color: #444; text-align: left; }
caption { caption-side: top; padding-bottom: 0.4rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
thead th { border-bottom: 2px solid #999; text-align: left; }
.num { text-align: right; white-space: nowrap; }
.note { font-size: 0.85rem; color: #555; margin-top: 0.4rem; }
pre { background: #f6f6f6; border: 1px solid #e5e5e5; padding: 0.75rem; overflow-x: auto; font-size: 0.8rem; line-height: 1.4; }
@media print { main { max-width: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`;
