/**
 * Parameter checks for the actors: each throws a RangeError that names the parameter and the
 * value it was given, so a bad configuration fails where it is built, not deep in a round.
 */

/** `value` as an integer in [min, max], or a RangeError naming `name`. */
export function requireInt(name: string, value: number, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** `value` as a finite number in [min, max], or a RangeError naming `name`. */
export function requireNumber(name: string, value: number, min: number, max: number = Number.MAX_VALUE): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** `value` as a finite number in (0, max], or a RangeError naming `name`. */
export function requirePositive(name: string, value: number, max: number = Number.MAX_VALUE): number {
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new RangeError(`${name} must be a number in (0, ${max}], got ${value}`);
  }
  return value;
}
