// Loaded with `node --import` into a benchmarked run: records the process's
// peak resident set size (bytes) in the file named by EFFEKT_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.EFFEKT_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
