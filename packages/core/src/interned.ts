/**
 * The string table's copy of `text`: V8 keeps one copy of each property name, and a Map compares two such
 * copies by identity. Ids that key the Maps read on every event (instrument ids) are kept this way: two
 * different ids of one length ("S000.BENCH", "S001.BENCH") otherwise meet in a Map's bucket and are
 * compared character by character, a builtin call per lookup. A property key is always such a copy, so
 * the key of a one-property object is it. For ids made once per instrument, not per order: each new key
 * also makes the engine a new object shape. The text is unchanged (an integer-like text comes back as an
 * equal string that may not be the table's).
 */
export function interned(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}
