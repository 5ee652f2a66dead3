import { readFileSync } from 'node:fs';
import { packageFile } from './files/distFile.js';

/** Effekt's version, from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(packageFile(), 'utf8')) as { version: string }).version;
