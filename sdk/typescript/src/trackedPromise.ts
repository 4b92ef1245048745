/**
 * What a wrapped `create()` returns: awaitable like the SDK's `APIPromise`, and with its `withResponse()`, which the SDKs'
 * own helpers use (Anthropic's `messages.stream()` does). The call is observed once, whichever way it is read.
 */

interface WithResponse<T> {
  data: T;
  response: Response;
}

interface ApiPromiseLike<T> extends PromiseLike<T> {
  withResponse?: () => Promise<WithResponse<T>>;
}

export class TrackedPromise<T> implements PromiseLike<T> {
  private observed: Promise<WithResponse<T> | { data: T }> | undefined;

  constructor(
    private readonly original: ApiPromiseLike<T>,
    private readonly onData: (data: T) => T,
    private readonly onError: (error: unknown) => void,
  ) {}

  get [Symbol.toStringTag](): string {
    return "Promise";
  }

  then<R1 = T, R2 = never>(onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.observe().then((result) => result.data).then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  /** The SDK's `withResponse()`, with the data observed. */
  withResponse(): Promise<WithResponse<T>> {
    return this.observe() as Promise<WithResponse<T>>;
  }

  private observe(): Promise<WithResponse<T> | { data: T }> {
    this.observed ??= (this.original.withResponse ? this.original.withResponse() : Promise.resolve(this.original).then((data) => ({ data }))).then(
      (result) => ({ ...result, data: this.onData(result.data) }),
      (error: unknown) => {
        this.onError(error);
        throw error;
      },
    );
    return this.observed;
  }
}
