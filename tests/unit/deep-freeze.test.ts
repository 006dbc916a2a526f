/**
 * deepFreeze (lib/chain/freeze.ts), which makes values shared by reference read-only (the presets' parameters, the explorer's cached reads): every
 * object and array at any depth is frozen, primitives pass through, a shared or cyclic value is
 * walked once.
 */
import { expect, it } from "vitest";
import { deepFreeze } from "@/lib/chain/freeze";

it("freezes every object and array at every depth, and passes primitives through", () => {
  const v = { a: [1, [2, [3, { b: "x" }]]], c: { d: [{ e: null }] }, f: 5n };
  const frozen = deepFreeze(v);
  expect(frozen).toBe(v);
  const all: unknown[] = [v, v.a, v.a[1], (v.a[1] as unknown[])[1], ((v.a[1] as unknown[])[1] as unknown[])[1], v.c, v.c.d, v.c.d[0]];
  for (const x of all) expect(Object.isFrozen(x)).toBe(true);
  expect(() => {
    "use strict";
    (v.a as unknown[]).push(4);
  }).toThrow(TypeError);
  expect([deepFreeze(3), deepFreeze("s"), deepFreeze(null), deepFreeze(undefined)]).toEqual([3, "s", null, undefined]);
});

it("walks a cycle once", () => {
  const a: { self?: unknown; list: unknown[] } = { list: [] };
  a.self = a;
  a.list.push(a, { inner: a });
  deepFreeze(a);
  expect(Object.isFrozen(a.list[1])).toBe(true);
});
