/** A JSON API answer with an error status (4xx/5xx); `message` is the sentence the API gave in `{ error }`. Used by the explorer's fetches and the CLI. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
