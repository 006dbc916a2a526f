import { describe, expect, it } from "vitest";
import { z } from "zod";
import { blockNumber, intIn, netuid, oneOf, parseQuery, parseSegment } from "@/lib/server/params";

const q = (s: string) => new URL(`http://x/api?${s}`);

describe("route parameters", () => {
  it("parses block numbers up to 2^63 - 1 and names the field past it", () => {
    expect(parseSegment("number", "9223372036854775807", blockNumber)).toBe(9223372036854775807n);
    expect(() => parseSegment("number", "9223372036854775808", blockNumber)).toThrow('number must be at most 9223372036854775807 (the largest block number stored), got "9223372036854775808"');
    expect(() => parseSegment("number", "99999999999999999999999", blockNumber)).toThrow("must be at most 9223372036854775807");
    expect(() => parseSegment("before", "-3", blockNumber)).toThrow('before must be a non-negative integer, got "-3"');
    expect(() => parseSegment("before", "1e3", blockNumber)).toThrow("must be a non-negative integer");
  });

  it("reads a query with defaults and optional fields, ignoring unknown ones", () => {
    const shape = { limit: intIn(1, 100).default(20), before: blockNumber.optional(), range: oneOf(["day", "week", "all"]).default("day") };
    expect(parseQuery(q("junk=1"), shape)).toEqual({ limit: 20, range: "day" });
    expect(parseQuery(q("limit=5&before=10&range=week"), shape)).toEqual({ limit: 5, before: 10n, range: "week" });
    expect(() => parseQuery(q("limit=0"), shape)).toThrow('limit must be an integer in [1, 100], got "0"');
    expect(() => parseQuery(q("limit=5.5"), shape)).toThrow('limit must be an integer in [1, 100], got "5.5"');
    expect(() => parseQuery(q("range=year"), shape)).toThrow('range must be one of day, week, all, got "year"');
  });

  it("keeps u16 ids in range", () => {
    expect(parseSegment("netuid", "65535", netuid)).toBe(65535);
    expect(() => parseSegment("netuid", "65536", netuid)).toThrow('netuid must be an integer in [0, 65535], got "65536"');
    expect(() => parseSegment("netuid", "", netuid)).toThrow("netuid must be an integer in [0, 65535]");
    expect(parseSegment("x", "7", z.string())).toBe("7");
  });
});
