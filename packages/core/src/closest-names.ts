/**
 * Edit distance between two words as optimal string alignment: insertions, deletions, substitutions and
 * swaps of two neighbouring letters each count one (`acount` → `account` is 1, `fsat` → `fast` is 1).
 */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const above = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const substitution = above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min(above[j]! + 1, row[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Most edits a suggestion may be away, and the share of a word that must survive them: commander's rule
 * for flags (its `suggestSimilar` keeps candidates at distance up to 3, on a tie with its starting bound).
 */
const MAX_EDITS = 3;
const MIN_SIMILARITY = 0.4;

/** The words of a name, lower case: `maxOrderNotional` → max, order, notional; `STOP_LIMIT` → stop, limit. */
function wordsOf(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

/** Whether `short` keeps `long`'s first letter and the rest of its letters in order (`qty` in `quantity`). */
function isShortening(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

/** Fewest letters a word needs for a suggestion by its words: `on` is in every hook's name (`onBar`). */
const MIN_LETTERS_BY_WORDS = 3;

/**
 * Whether `candidate` is `word` with one more word in it (`maxNotional` → `maxOrderNotional`, `stop` →
 * `STOP_LIMIT`; case and separators aside), or the same words each kept whole or shortened
 * (`qty` → `quantity`, `maxQty` → `maxQuantity`).
 */
function isCloseByWords(word: string, candidate: string): boolean {
  const given = wordsOf(word);
  const other = wordsOf(candidate);
  const target = given.join("");
  if (target.length < MIN_LETTERS_BY_WORDS) return false;
  const withoutOneWord = (i: number) => other.filter((_, k) => k !== i).join("");
  if (other.length >= 2 && other.some((_, i) => withoutOneWord(i) === target)) return true;
  return (
    other.length === given.length &&
    given.every((w, i) => w === other[i] || isShortening(w, other[i]!)) &&
    given.some((w, i) => w !== other[i])
  );
}

/**
 * How far a name a word away counts: nearer than three edits, farther than two. `onOrder` is three edits
 * from `onTrade` but `onOrderEvent` with a word left out; `maxNotional` is one edit from `maxNotinal`.
 */
const WORD_AWAY = 2.5;

/**
 * The candidates closest to a mistyped word (all of them on a tie), or none when none is close. Close is
 * within three edits with more than 40% of the longer word left alike (`maxDrawdown` finds
 * `maxDrawdownPct`; `colour` finds nothing in `data`), letter case no edit (`TickSize` finds `tickSize`):
 * the rule commander uses for `(Did you mean --json?)`, so a config field, a flag and a strategy hook get
 * alike suggestions. Close is also a word away, which ranks between two edits and three: the word with
 * one more word in it (`maxNotional` finds `maxOrderNotional`, `stop` finds `STOP_LIMIT` and
 * `STOP_MARKET`), or the same words, some shortened (`qty` finds `quantity`). A part of a word is not
 * enough: `maxDraw` finds nothing in `maxDrawdownPct` (four edits, and `draw` is not one of its words).
 * (Written here rather than taken from a package: commander does not export its helper.)
 */
export function closestNames(word: string, candidates: Iterable<string>): string[] {
  let best: string[] = [];
  let bestDistance = MAX_EDITS;
  for (const candidate of new Set(candidates)) {
    if (candidate === word || candidate.length <= 1) continue;
    const edits = editDistance(word.toLowerCase(), candidate.toLowerCase());
    const length = Math.max(word.length, candidate.length);
    const fewEdits = edits <= MAX_EDITS && (length - edits) / length > MIN_SIMILARITY;
    const wordAway = isCloseByWords(word, candidate);
    if (!fewEdits && !wordAway) continue;
    const distance = wordAway ? Math.min(WORD_AWAY, fewEdits ? edits : WORD_AWAY) : edits;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [candidate];
    } else if (distance === bestDistance) {
      best.push(candidate);
    }
  }
  return best.sort();
}

/** ` (did you mean "account"?)` for the closest candidates, or "" when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const names = closestNames(word, candidates).map((name) => JSON.stringify(name));
  if (names.length === 0) return "";
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return ` (did you mean ${listed}?)`;
}
