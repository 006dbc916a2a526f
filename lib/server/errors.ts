/** Errors the API turns into answers: a bad request names what was wrong (400). */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}
