/** What a reader throws for a block, subnet, epoch or key the database does not hold (the API answers 404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}
