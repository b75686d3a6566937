import { type Observable, Subject } from "rxjs";
import type { TradingCommand } from "./commands.js";
import type { OrderEvent } from "./events.js";
import type { MarketData } from "./market-data.js";
import type { AccountState, PositionEvent, RiskEvent } from "./portfolio-events.js";

/** A failure inside a subscriber, reported instead of breaking delivery. */
export interface BusError {
  readonly topic: string;
  readonly subscriber: string;
  readonly error: unknown;
  readonly message: unknown;
}

/** The bus's topics and the message type each carries. */
export interface BusTopics {
  readonly commands: TradingCommand;
  readonly orderEvents: OrderEvent;
  readonly marketData: MarketData;
  readonly positions: PositionEvent;
  readonly account: AccountState;
  readonly risk: RiskEvent;
  readonly errors: BusError;
}
export type TopicName = keyof BusTopics;

export interface Subscription {
  unsubscribe(): void;
}

/**
 * A typed, synchronous message bus over RxJS. Subjects stay private; each topic is exposed as an
 * Observable (`bus.stream("orderEvents")`). Publishing delivers to every subscriber in subscription order
 * before returning, so a backtest stays deterministic.
 *
 * `bus.subscribe(topic, handler)` guards the handler: if it throws, the others still get the message and
 * the failure is published on the `errors` topic. (Plain RxJS subscribers to `stream()` are isolated by
 * RxJS itself, which reports their errors to its global handler.)
 */
export class MessageBus<Topics extends BusTopics = BusTopics> {
  readonly #subjects = new Map<keyof Topics, Subject<unknown>>();
  readonly #streams = new Map<keyof Topics, Observable<unknown>>();
  #reporting = false;

  readonly #commands: Subject<unknown>;
  readonly #orderEvents: Subject<unknown>;
  readonly #marketData: Subject<unknown>;
  readonly #positions: Subject<unknown>;
  readonly #account: Subject<unknown>;
  readonly #risk: Subject<unknown>;
  readonly #errors: Subject<unknown>;

  constructor() {
    const make = (topic: TopicName): Subject<unknown> => {
      const s = new Subject<unknown>();
      this.#subjects.set(topic as keyof Topics, s);
      this.#streams.set(topic as keyof Topics, s.asObservable());
      return s;
    };
    this.#commands = make("commands");
    this.#orderEvents = make("orderEvents");
    this.#marketData = make("marketData");
    this.#positions = make("positions");
    this.#account = make("account");
    this.#risk = make("risk");
    this.#errors = make("errors");
  }

  #builtIn(topic: keyof Topics): Subject<unknown> | undefined {
    switch (topic) {
      case "marketData":
        return this.#marketData;
      case "orderEvents":
        return this.#orderEvents;
      case "positions":
        return this.#positions;
      case "commands":
        return this.#commands;
      case "account":
        return this.#account;
      case "risk":
        return this.#risk;
      case "errors":
        return this.#errors;
      default:
        return undefined;
    }
  }

  #subject(topic: keyof Topics): Subject<unknown> {
    // The built-in topics first, by comparison (a node publishes on every event: no hash lookup then).
    const builtIn = this.#builtIn(topic);
    if (builtIn !== undefined) return builtIn;
    let s = this.#subjects.get(topic);
    if (!s) {
      s = new Subject<unknown>();
      this.#subjects.set(topic, s);
      this.#streams.set(topic, s.asObservable());
    }
    return s;
  }

  /** Delivers `message` to every subscriber of `topic`, synchronously, in subscription order. */
  publish<T extends keyof Topics>(topic: T, message: Topics[T]): void {
    const subject = this.#subject(topic);
    // Most messages of a backtest have no listener; skip RxJS's delivery machinery for them.
    if (subject.observed) subject.next(message);
  }

  /** The topic as an Observable (shared: one per topic). */
  stream<T extends keyof Topics>(topic: T): Observable<Topics[T]> {
    this.#subject(topic);
    return this.#streams.get(topic) as Observable<Topics[T]>;
  }

  /** Subscribes a handler that may throw without harming delivery; failures go to the `errors` topic. */
  subscribe<T extends keyof Topics>(
    topic: T,
    handler: (message: Topics[T]) => void,
    name: string = handler.name || "anonymous",
  ): Subscription {
    return this.#subject(topic).subscribe((message) => {
      try {
        handler(message as Topics[T]);
      } catch (error) {
        this.#report({ topic: String(topic), subscriber: name, error, message });
      }
    });
  }

  #report(failure: BusError): void {
    // A throwing subscriber of `errors` must not loop: its own failures are dropped.
    if (this.#reporting || failure.topic === "errors") return;
    this.#reporting = true;
    try {
      this.#subject("errors" as keyof Topics).next(failure);
    } finally {
      this.#reporting = false;
    }
  }

  /** Completes every topic: subscribers get `complete`, later publishes are dropped. */
  close(): void {
    for (const s of this.#subjects.values()) s.complete();
  }
}
