import type { InstrumentBook } from "./instrument-book.js";

/** A book in the index, with the book asked for after it last time (see BookIndex.forData). */
interface Entry {
  readonly id: string;
  readonly book: InstrumentBook;
  next: Entry | null;
}

/**
 * The venue's books by instrument id. A replay gives its instruments' data in the same order day after
 * day, so `forData` first tries the book that followed the previous one last time: comparing one id
 * costs less than the hash lookup, which it falls back to (and learns from) when the guess is wrong.
 */
export class BookIndex {
  readonly #byId = new Map<string, Entry>();
  #last: Entry | null = null;

  add(book: InstrumentBook): void {
    const id = book.instrument.id;
    this.#byId.set(id, { id, book, next: null });
  }

  /** The book of an instrument, or undefined when the venue does not trade it. */
  get(id: string): InstrumentBook | undefined {
    return this.#byId.get(id)?.book;
  }

  /** `get` for the market data path, where the ids come round in a fixed order. */
  forData(id: string): InstrumentBook | undefined {
    const last = this.#last;
    const guess = last === null ? null : last.next;
    if (guess !== null && guess.id === id) {
      this.#last = guess;
      return guess.book;
    }
    const entry = this.#byId.get(id);
    if (entry === undefined) return undefined;
    if (last !== null) last.next = entry;
    this.#last = entry;
    return entry.book;
  }
}
