import {
  Observable,
  type Observer,
  type Operator,
  Subscriber,
  type Subscription,
  type TeardownLogic,
} from "rxjs";

/**
 * A strategy's own event stream (`ctx.orders.events$` and the streams piped from it). The node feeds it
 * from its delivery queue, beside `onOrderEvent`, so a subscriber runs as a hook does: after the
 * producing component has returned, with the portfolio already holding the fill.
 *
 * Its subscribers are guarded like hooks: a callback that throws, or an error no subscriber handles (a
 * `map` that throws), is handed to `fail` (the node makes it a StrategyError) and the run goes on.
 * Plain RxJS would rethrow it on a timer, after a backtest's synchronous loop, and end the process.
 * Operators keep the guard: `pipe` builds on `lift`, which makes another StrategyStream.
 */
export class StrategyStream<T> extends Observable<T> {
  readonly #fail: (error: unknown) => void;

  constructor(
    fail: (error: unknown) => void,
    subscribe?: (this: Observable<T>, subscriber: Subscriber<T>) => TeardownLogic,
  ) {
    super(subscribe);
    this.#fail = fail;
  }

  /** @deprecated RxJS's own hook for operators; kept so that a piped stream is guarded too. */
  override lift<R>(operator?: Operator<T, R>): Observable<R> {
    const lifted = new StrategyStream<R>(this.#fail);
    lifted.source = this;
    lifted.operator = operator;
    return lifted;
  }

  override subscribe(
    observerOrNext?: Partial<Observer<T>> | ((value: T) => void) | null,
    error?: ((error: unknown) => void) | null,
    complete?: (() => void) | null,
  ): Subscription {
    // An operator subscribing to its source (inside a pipe) routes errors itself: only the consumer is guarded.
    if (observerOrNext instanceof Subscriber) return super.subscribe(observerOrNext);
    const observer: Partial<Observer<T>> =
      typeof observerOrNext === "function" || observerOrNext == null
        ? {
            ...(observerOrNext != null && { next: observerOrNext }),
            ...(error != null && { error }),
            ...(complete != null && { complete }),
          }
        : observerOrNext;
    const fail = this.#fail;
    return super.subscribe({
      next: (value) => {
        try {
          observer.next?.(value);
        } catch (thrown) {
          fail(thrown);
        }
      },
      error: (err: unknown) => {
        if (observer.error === undefined) {
          fail(err);
          return;
        }
        try {
          observer.error(err);
        } catch (thrown) {
          fail(thrown);
        }
      },
      complete: () => {
        try {
          observer.complete?.();
        } catch (thrown) {
          fail(thrown);
        }
      },
    });
  }
}
