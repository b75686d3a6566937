import { dec } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MakerTakerCommission,
  NoCommission,
  PerContractCommission,
  PerDollarCommission,
  PerShareCommission,
  PerTradeCommission,
} from "../../src/index.js";
import { chargeOrder, ES } from "./support.js";

const ZIPLINE_FILLS = [
  { quantity: "230", price: "100" },
  { quantity: "170", price: "101" },
  { quantity: "100", price: "102" },
];

describe("NoCommission", () => {
  it("charges nothing", () => {
    expect(chargeOrder(new NoCommission(), ZIPLINE_FILLS)).toEqual(["0", "0", "0"]);
  });
});

describe("PerShareCommission (figures from Zipline's test suite)", () => {
  it("defaults to 0.001 per share and no minimum", () => {
    const model = new PerShareCommission();
    expect(model.cost.toString()).toBe("0.001");
    expect(model.minimum.toString()).toBe("0");
  });

  it("charges 1.725, 1.275 and 0.75 at 0.0075 per share on fills of 230, 170 and 100", () => {
    expect(chargeOrder(new PerShareCommission({ cost: "0.0075" }), ZIPLINE_FILLS)).toEqual([
      "1.725",
      "1.275",
      "0.75",
    ]);
  });

  it("applies the minimum per order across its fills, not per fill", () => {
    const model = new PerShareCommission({ cost: "0.0075", minimum: 3 });
    // 230 × 0.0075 = 1.725 -> the minimum 3; after 400 shares the per-share total is 3.00, already paid;
    // after 500 it is 3.75, so the last fill pays 0.75.
    expect(chargeOrder(model, ZIPLINE_FILLS)).toEqual(["3", "0", "0.75"]);
  });

  it("charges each order its own minimum", () => {
    const model = new PerShareCommission({ cost: "0.0075", minimum: 3 });
    expect(chargeOrder(model, [{ quantity: "10", price: "1" }], { orderId: "a" })).toEqual(["3"]);
    expect(chargeOrder(model, [{ quantity: "10", price: "1" }], { orderId: "b" })).toEqual(["3"]);
  });

  it("charges in total max(minimum, quantity × cost) however the order is split into fills", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (quantities, minimumCents) => {
          const minimum = dec(minimumCents).div(100);
          const model = new PerShareCommission({ cost: "0.0075", minimum });
          const charged = chargeOrder(
            model,
            quantities.map((quantity) => ({ quantity: String(quantity), price: "10" })),
          );
          const total = charged.reduce((sum, c) => sum.plus(c), dec(0));
          const shares = quantities.reduce((sum, q) => sum + q, 0);
          expect(total.toString()).toBe(
            dec(shares).times("0.0075").clamp(minimum, Number.MAX_SAFE_INTEGER).toString(),
          );
          for (const c of charged) expect(dec(c).isNegative()).toBe(false);
        },
      ),
    );
  });
});

describe("PerTradeCommission", () => {
  it("charges the flat cost on the order's first fill only", () => {
    expect(chargeOrder(new PerTradeCommission({ cost: "1" }), ZIPLINE_FILLS)).toEqual(["1", "0", "0"]);
  });
});

describe("PerDollarCommission (figures from Zipline's test suite)", () => {
  it("defaults to 0.0015 of notional", () => {
    expect(new PerDollarCommission().rate.toString()).toBe("0.0015");
  });

  it("charges 34.5, 25.755 and 15.3 on 230 @ 100, 170 @ 101 and 100 @ 102", () => {
    expect(chargeOrder(new PerDollarCommission(), ZIPLINE_FILLS)).toEqual(["34.5", "25.755", "15.3"]);
  });

  it("includes a future's multiplier in the notional", () => {
    // 2 contracts × 4000 × 50 × 0.0001 = 40.
    expect(
      chargeOrder(new PerDollarCommission({ rate: "0.0001" }), [{ quantity: "2", price: "4000" }], {
        instrument: ES,
      }),
    ).toEqual(["40"]);
  });
});

describe("PerContractCommission", () => {
  it("charges the exchange fee once, on the first fill", () => {
    const model = new PerContractCommission({ cost: "0.85", exchangeFee: "1.18" });
    // 2 × 0.85 + 1.18, then 3 × 0.85.
    expect(
      chargeOrder(
        model,
        [
          { quantity: "2", price: "4000" },
          { quantity: "3", price: "4001" },
        ],
        { instrument: ES },
      ),
    ).toEqual(["2.88", "2.55"]);
  });

  it("applies the minimum (fee included) per order across its fills", () => {
    const model = new PerContractCommission({ cost: "0.85", exchangeFee: "1.18", minimum: 5 });
    // First fill pays the minimum 5; after 5 contracts the total is 5 × 0.85 + 1.18 = 5.43, so 0.43 more.
    expect(
      chargeOrder(model, [
        { quantity: "2", price: "4000" },
        { quantity: "3", price: "4001" },
      ]),
    ).toEqual(["5", "0.43"]);
  });

  it("defaults the exchange fee and minimum to 0", () => {
    const model = new PerContractCommission({ cost: "0.85" });
    expect(model.exchangeFee.toString()).toBe("0");
    expect(model.minimum.toString()).toBe("0");
  });
});

describe("MakerTakerCommission", () => {
  it("charges the rate of the fill's liquidity side, a negative maker rate being a rebate", () => {
    const model = new MakerTakerCommission({ maker: "-0.0001", taker: "0.002" });
    expect(
      chargeOrder(model, [
        { quantity: "100", price: "10", liquidity: "TAKER" },
        { quantity: "100", price: "10", liquidity: "MAKER" },
      ]),
    ).toEqual(["2", "-0.1"]);
  });

  it("moves to a volume tier once the notional traded before a fill reaches it", () => {
    const model = new MakerTakerCommission({
      maker: "0.001",
      taker: "0.002",
      tiers: [
        { minNotional: "1000", maker: "0.0005", taker: "0.001" },
        { minNotional: "3000", maker: "0", taker: "0.0005" },
      ],
    });
    const fills = [
      { quantity: "100", price: "10" }, // 0 traded before: base taker 0.002 on 1000
      { quantity: "150", price: "10" }, // 1000 before: first tier, 0.001 on 1500
      { quantity: "100", price: "10" }, // 2500 before: still the first tier
      { quantity: "100", price: "10", liquidity: "MAKER" as const }, // 3500 before: second tier maker 0
    ];
    expect(chargeOrder(model, fills)).toEqual(["2", "1.5", "1", "0"]);
    expect(model.tradedNotional.toString()).toBe("4500");
  });

  it("refuses tiers that do not increase", () => {
    expect(
      () =>
        new MakerTakerCommission({
          maker: 0,
          taker: 0,
          tiers: [
            { minNotional: 10, maker: 0, taker: 0 },
            { minNotional: 5, maker: 0, taker: 0 },
          ],
        }),
    ).toThrow(
      "MakerTakerCommission.tiers[1].minNotional: must be greater than the previous tier's 10, got 5",
    );
  });
});
