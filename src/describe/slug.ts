/**
 * File-name parts from population and column names: lowercase ASCII letters,
 * digits and dashes, so a name from the command line or a file header can
 * never leave the output directory or upset a file system.
 */
export function slug(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return plain === '' ? 'x' : plain.slice(0, 60).replace(/-+$/, '');
}

/** Slugs for a list of names, made distinct by a numeric suffix in list order. */
export function distinctSlugs(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = slug(name);
    let candidate = base;
    for (let k = 2; used.has(candidate); k++) candidate = `${base}-${k}`;
    used.add(candidate);
    return candidate;
  });
}
