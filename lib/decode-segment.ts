/**
 * A URL path segment percent-decoded, for pages and components (route handlers get their
 * params decoded by Next already). No throw on a malformed escape: the caller shows what was
 * asked for and that it names nothing, instead of failing the render.
 */
export function tryDecodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `segment` decoded, or as it came when it is not valid percent-encoded UTF-8. */
export function decodeSegment(segment: string): string {
  return tryDecodeSegment(segment) ?? segment;
}
