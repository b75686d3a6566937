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

/**
 * The candidates closest to a mistyped word (all of them on a tie), or none when no candidate is within
 * three edits with more than 40% of the longer word left alike (`maxDrawdown` finds `maxDrawdownPct`;
 * `colour` finds nothing in `data`). Letter case does not count as an edit, so `TickSize` finds
 * `tickSize`. The same rule commander uses for `(Did you mean --json?)`, so a config field, a flag and a
 * strategy hook get alike suggestions.
 * (Written here rather than taken from a package: commander does not export its helper, and this is
 * thirty lines.)
 */
export function closestNames(word: string, candidates: Iterable<string>): string[] {
  let best: string[] = [];
  let bestDistance = MAX_EDITS;
  for (const candidate of new Set(candidates)) {
    if (candidate === word || candidate.length <= 1) continue;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    const length = Math.max(word.length, candidate.length);
    if (distance > MAX_EDITS || (length - distance) / length <= MIN_SIMILARITY) continue;
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
