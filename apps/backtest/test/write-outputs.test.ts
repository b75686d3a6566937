import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeOutputs } from "../src/write-outputs.js";
import { removeTempDirs, tempDir } from "./run-ordo.js";

afterAll(removeTempDirs);

describe("writeOutputs", () => {
  it("replaces earlier files and creates folders, leaving no temporary file behind", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.json"), "old a");
    await writeOutputs([
      { path: join(dir, "a.json"), text: "new a" },
      { path: join(dir, "out", "b.html"), text: "new b" },
    ]);
    expect(readFileSync(join(dir, "a.json"), "utf8")).toBe("new a");
    expect(readFileSync(join(dir, "out", "b.html"), "utf8")).toBe("new b");
    expect(readdirSync(dir).sort()).toEqual(["a.json", "out"]);
    expect(readdirSync(join(dir, "out"))).toEqual(["b.html"]);
  });

  it("puts every earlier file back when a later output cannot be renamed into place", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.json"), "old a");
    // A folder where the second output goes (made after the run's checks, say): its rename fails.
    mkdirSync(join(dir, "b.html"));
    writeFileSync(join(dir, "b.html", "keep.txt"), "kept");
    await expect(
      writeOutputs([
        { path: join(dir, "a.json"), text: "new a" },
        { path: join(dir, "new", "c.jsonl"), text: "new c" },
        { path: join(dir, "b.html"), text: "new b" },
      ]),
    ).rejects.toThrow(/b\.html/);
    expect(readFileSync(join(dir, "a.json"), "utf8")).toBe("old a");
    expect(existsSync(join(dir, "new"))).toBe(false);
    expect(readFileSync(join(dir, "b.html", "keep.txt"), "utf8")).toBe("kept");
    expect(readdirSync(dir).sort()).toEqual(["a.json", "b.html"]);
  });
});
