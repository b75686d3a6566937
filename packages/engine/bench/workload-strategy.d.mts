export declare function workloadInstrument(id: string): {
  id: string;
  assetClass: "equity";
  currency: string;
  tickSize: string;
  lotSize: string;
};
export declare function smaCross(stops: boolean): new () => {
  trades: number;
  stopExits: number;
  onStart(): void;
  onBar(ctx: unknown, bar: unknown): void;
  onOrderEvent(ctx: unknown, event: unknown): void;
};
