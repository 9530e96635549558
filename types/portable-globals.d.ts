// The web-platform APIs that every host of the contract and the acquirer has: browsers, Node, workers
// (WinterTC's minimum common API). Declared here, and nothing else, so that code in contract/ and acquirer/
// type-checks without DOM or Node types and cannot reach for either by accident.

declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][]);
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  forEach(callback: (value: string, key: string) => void): void;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  toString(): string;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
}

declare function atob(data: string): string;
declare function btoa(data: string): string;

declare const console: {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
};
