/**
 * JSON.parse's reason for `text` as the CLI quotes it: without " in JSON" and Node 22's "(line 1 column
 * 2)". V8's words change between Node versions ("Expected property name or '}'" or "Expected
 * double-quoted property name"), so the tests read them from the Node they run on; one pins the words every supported Node shares.
 */
export function jsonParseReason(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message
      .replace(/ \(line \d+ column \d+\)$/, "")
      .replace(/^(Unexpected token .*?), ".*" is not valid JSON$/s, "$1")
      .replace(/ in JSON at position (\d+)$/, " at position $1");
  }
  throw new Error(`${text} is JSON`);
}
