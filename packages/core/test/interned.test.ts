import { describe, expect, it } from "vitest";
import { createInstrument, interned } from "../src/index.js";

describe("interned", () => {
  it.each([
    ["an instrument id", "S000.BENCH"],
    ["an id built at run time", `S${String(7).padStart(3, "0")}.BENCH`],
    ["an integer-like text", "123"],
    ["the empty string", ""],
    ["non-ASCII text", "Ünïcode.X ✓"],
    ["a name Object.prototype has", "constructor"],
    ["__proto__", "__proto__"],
  ])("keeps the text of %s", (_name, text) => {
    expect(interned(text)).toBe(text);
  });

  it("leaves an instrument's id as written", () => {
    const id = `AAPL.${"XNAS"}`;
    const instrument = createInstrument({
      id,
      assetClass: "equity",
      currency: "USD",
      tickSize: "0.01",
    });
    expect(instrument.id).toBe("AAPL.XNAS");
    expect(instrument.symbol).toBe("AAPL");
    expect(instrument.venue).toBe("XNAS");
  });
});
