/** Trimmed, NFKC-normalized text with inner runs of white space collapsed. */
export function cleanText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Optional text cleaned like cleanText; empty becomes null. */
export function optionalText(value: string | null | undefined): string | null {
  return value ? cleanText(value) || null : null;
}

/** The form of a name that uniqueness and search compare: cleaned and lower-cased. */
export function nameKey(name: string): string {
  return cleanText(name).toLowerCase();
}

/** Escapes `%`, `_` and `\` for a LIKE pattern written with `ESCAPE '\'`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}
