/** Groups `rows` by `key`, in the order of `keys`. */
export function groupBy<Row>(
  keys: readonly string[],
  rows: readonly Row[],
  key: (row: Row) => string,
): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return keys.map((id) => groups.get(id) ?? []);
}
