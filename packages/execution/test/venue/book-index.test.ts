import { createInstrument } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BookIndex } from "../../src/venue/book-index.js";
import { InstrumentBook } from "../../src/venue/instrument-book.js";

const IDS = ["A.X", "B.X", "C.X", "D.X"];

describe("BookIndex", () => {
  it("gives on the data path the book the id lookup gives, whatever order the ids come in", () => {
    fc.assert(
      fc.property(
        // Known ids (some in a repeating order, as a replay gives them) and ids the venue does not trade.
        fc.array(fc.oneof(fc.constantFrom(...IDS), fc.constantFrom("E.X", "")), { maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (ids, rounds) => {
          const index = new BookIndex();
          const books = new Map<string, InstrumentBook>();
          for (const id of IDS) {
            const book = new InstrumentBook(
              createInstrument({ id, assetClass: "equity", currency: "USD", tickSize: "0.01", lotSize: "1" }),
              false,
            );
            books.set(id, book);
            index.add(book);
          }
          const sequence = [...ids, ...Array.from({ length: rounds }, () => IDS).flat()];
          for (const id of sequence) {
            // A copy of the id: the guess compares ids by value, not by identity.
            const asked = [...id].join("");
            expect(index.forData(asked)).toBe(books.get(id));
            expect(index.get(asked)).toBe(books.get(id));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
