// The package boundary rules of DESIGN.md section 1, as data, and a checker over the workspace.
// Used by tooling/test/boundaries.test.ts; also runnable: `node tooling/scripts/boundaries.mjs`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Which workspace packages each package may import. `*` = any. Type-only imports listed separately. */
export const ALLOWED = {
  "@ordo/core": [],
  "@ordo/execution": ["@ordo/core"],
  "@ordo/portfolio": ["@ordo/core"],
  "@ordo/risk": ["@ordo/core"],
  "@ordo/data": ["@ordo/core"],
  "@ordo/engine": ["@ordo/core", "@ordo/execution", "@ordo/portfolio", "@ordo/risk", "@ordo/data"],
  "@ordo/report": ["@ordo/core", "@ordo/portfolio"],
  "@ordo/adapter-testkit": ["@ordo/core"],
};
/** Broker adapters: core, plus type-only imports of the engine. */
export const BROKER_ALLOWED = ["@ordo/core"];
export const BROKER_TYPE_ONLY = ["@ordo/engine"];
/** Test helpers: a dev dependency of any package, never imported by source. */
export const TEST_UTILS = "@ordo/test-utils";

const IMPORT_RE =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every import specifier in a source text, with whether it is type-only. */
export function importsOf(text) {
  const found = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[3] ?? m[4];
    if (spec) found.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return found;
}

function packageNameOf(spec) {
  if (!spec.startsWith("@")) return spec.split("/")[0];
  return spec.split("/").slice(0, 2).join("/");
}

function rulesFor(name) {
  if (name in ALLOWED) return { allowed: ALLOWED[name], typeOnly: [] };
  if (/^@ordo\/broker-/.test(name)) return { allowed: BROKER_ALLOWED, typeOnly: BROKER_TYPE_ONLY };
  return null; // apps and tooling may import anything
}

/**
 * Checks one package: its package.json dependencies and every import in `files` (path -> text).
 * Returns a list of human-readable violations.
 */
export function checkPackage({ name, dir, manifest, files }) {
  const problems = [];
  const rules = rulesFor(name);
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies };
  if (rules) {
    for (const dep of Object.keys(deps)) {
      // The shared test helpers are a dev dependency anyone may have; src never imports them (checked below).
      if (dep === TEST_UTILS && dep in (manifest.devDependencies ?? {})) continue;
      if (dep.startsWith("@ordo/") && !rules.allowed.includes(dep) && !rules.typeOnly.includes(dep)) {
        problems.push(
          `${name}: package.json depends on ${dep}, which it may not import (DESIGN.md section 1)`,
        );
      }
    }
  }
  for (const [file, text] of Object.entries(files)) {
    for (const { spec, typeOnly } of importsOf(text)) {
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(dir + sep)) {
          problems.push(`${relative(process.cwd(), file)}: reaches outside ${name} with "${spec}"`);
        }
        continue;
      }
      if (!spec.startsWith("@ordo/")) continue;
      const pkg = packageNameOf(spec);
      if (spec !== pkg && spec !== `${pkg}/package.json`) {
        problems.push(`${relative(process.cwd(), file)}: imports "${spec}"; use the public entry "${pkg}"`);
      }
      if (pkg === TEST_UTILS) {
        problems.push(
          `${relative(process.cwd(), file)}: source imports ${TEST_UTILS}, which is for tests only`,
        );
        continue;
      }
      if (pkg === name || !rules) continue;
      const ok = rules.allowed.includes(pkg) || (typeOnly && rules.typeOnly.includes(pkg));
      if (!ok) problems.push(`${relative(process.cwd(), file)}: ${name} may not import ${pkg}`);
    }
  }
  return problems;
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry)) out.push(full);
  }
  return out;
}

/** Checks every package under packages/ of the workspace at `root`. */
export function checkWorkspace(root) {
  const problems = [];
  const packagesDir = join(root, "packages");
  for (const entry of readdirSync(packagesDir)) {
    const dir = join(packagesDir, entry);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    const files = {};
    try {
      for (const f of sourceFiles(join(dir, "src"))) files[f] = readFileSync(f, "utf8");
    } catch {}
    problems.push(...checkPackage({ name: manifest.name, dir, manifest, files }));
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const problems = checkWorkspace(root);
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
