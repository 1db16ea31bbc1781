/** The region codes above and including `code` (44, 4403, 440305, ...), for prefix matching in SQL. */
export function regionAncestors(code: string): string[] {
  const cuts = [2, 4, 6, 9, 12, 15].filter((n) => n <= code.length);
  return cuts.map((n) => code.slice(0, n));
}
