/**
 * Expected values written as subtensor's test source writes them (vectors/subtensor/README.md,
 * "Expected values may be written as the Rust test writes them"): a string holding an I32F32
 * expression over literals, such as `"fixed(1.)/fixed(3.)"`.
 *
 * Grammar (whitespace anywhere between tokens):
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/") unary)*
 *   unary   := "-" unary | primary
 *   primary := "(" expr ")" | "fixed" "(" literal ")" | "I32F32::from_num" "(" literal ")"
 *            | "I32F32::MAX" | "I32F32::MIN" | "I32F32::max_value" "(" ")" | "I32F32::min_value" "(" ")"
 *   literal := "-"? digits ("." digits?)? (("e" | "E") ("+" | "-")? digits)?   (digits may hold "_")
 *
 * `fixed(x)` is the test helpers' `I32F32::from_num(x as f32)`: the decimal rounded to an IEEE
 * single (`Math.fround`), then to I32F32 bits with ties to even. `I32F32::from_num(x)` takes an
 * integer literal exactly and a decimal one as an f64 (ties to even). Both panic in Rust when the
 * value does not fit, and so throw here. The operators are substrate-fixed's I32F32 operators
 * (lib/chain/math/fixed): `*` floors the exact product (an arithmetic shift), `/` truncates
 * toward zero, and an overflow or a zero divisor panics in the Rust test, so it throws here too.
 * A bare number outside `fixed(...)`/`from_num(...)`, an unknown name, or anything malformed
 * throws an error that names the expression.
 */
import { type FixedType, I32F32, checkedAdd, checkedDiv, checkedMul, fromF64, fromInt } from "@/lib/chain/math/fixed";

export class FixedExpressionError extends Error {
  constructor(
    readonly expression: string,
    detail: string,
  ) {
    super(`cannot evaluate the I32F32 expression ${JSON.stringify(expression)}: ${detail}`);
    this.name = "FixedExpressionError";
  }
}

type Token =
  | { kind: "number"; text: string; at: number }
  | { kind: "name"; text: string; at: number }
  | { kind: "op"; text: "+" | "-" | "*" | "/" | "(" | ")"; at: number }
  | { kind: "end"; text: ""; at: number };

const NUMBER = /^\d[\d_]*(?:\.(?:\d[\d_]*)?)?(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if ("+-*/()".includes(ch)) {
      tokens.push({ kind: "op", text: ch as "+", at: i });
      i++;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      // A type suffix (`1.5f32`) or a stray letter right after the digits.
      if (/^[A-Za-z_]/.test(rest.slice(num[0].length))) throw new FixedExpressionError(text, `a number followed by letters at position ${i} (type suffixes are not accepted)`);
      tokens.push({ kind: "number", text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: "name", text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    throw new FixedExpressionError(text, `unexpected character ${JSON.stringify(ch)} at position ${i}`);
  }
  tokens.push({ kind: "end", text: "", at: text.length });
  return tokens;
}

/** I32F32 without its range, so a literal that does not fit can be told apart from one that saturates. */
const UNBOUNDED: FixedType = { ...I32F32, name: "I32F32 (unbounded)", min: -(1n << 1100n), max: 1n << 1100n };

/** Evaluates an I32F32 expression (grammar above) to raw I32F32 bits. */
export function evalFixedExpression(text: string): bigint {
  if (typeof text !== "string") throw new FixedExpressionError(String(text), "not a string");
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const fail = (detail: string): never => {
    throw new FixedExpressionError(text, detail);
  };
  const where = (t: Token) => (t.kind === "end" ? "at the end" : `at position ${t.at}`);
  const expectOp = (op: string) => {
    const t = peek();
    if (t.kind !== "op" || t.text !== op) fail(`expected "${op}" ${where(t)}, found ${t.kind === "end" ? "the end" : JSON.stringify(t.text)}`);
    pos++;
  };
  const inRange = (bits: bigint, what: string): bigint => {
    if (bits < I32F32.min || bits > I32F32.max) fail(`${what} does not fit in I32F32`);
    return bits;
  };

  /** A literal argument: an optional minus and a number; its value as text. */
  const literal = (fn: string): { negative: boolean; text: string } => {
    let negative = false;
    if (peek().kind === "op" && peek().text === "-") {
      negative = true;
      pos++;
    }
    const t = peek();
    if (t.kind !== "number") fail(`${fn}(...) takes a number literal, found ${t.kind === "end" ? "the end" : JSON.stringify(t.text)} ${where(t)}`);
    pos++;
    return { negative, text: t.text.replace(/_/g, "") };
  };

  const call = (name: string): bigint => {
    expectOp("(");
    let bits: bigint;
    if (name === "I32F32::max_value" || name === "I32F32::min_value") {
      bits = name === "I32F32::max_value" ? I32F32.max : I32F32.min;
    } else {
      const lit = literal(name);
      const shown = `${name}(${lit.negative ? "-" : ""}${lit.text})`;
      if (name === "fixed") {
        const x = Math.fround(Number(lit.text));
        if (!Number.isFinite(x)) fail(`${shown}: the literal is not a finite f32`);
        bits = inRange(fromF64(UNBOUNDED, lit.negative ? -x : x), shown);
      } else if (/^\d+$/.test(lit.text)) {
        const n = BigInt(lit.text);
        bits = inRange(fromInt(UNBOUNDED, lit.negative ? -n : n), shown);
      } else {
        const x = Number(lit.text);
        if (!Number.isFinite(x)) fail(`${shown}: the literal is not a finite f64`);
        bits = inRange(fromF64(UNBOUNDED, lit.negative ? -x : x), shown);
      }
    }
    expectOp(")");
    return bits;
  };

  const primary = (): bigint => {
    const t = peek();
    if (t.kind === "op" && t.text === "(") {
      pos++;
      const v = expr();
      expectOp(")");
      return v;
    }
    if (t.kind === "name") {
      pos++;
      if (t.text === "I32F32::MAX") return I32F32.max;
      if (t.text === "I32F32::MIN") return I32F32.min;
      if (t.text === "fixed" || t.text === "I32F32::from_num" || t.text === "I32F32::max_value" || t.text === "I32F32::min_value") return call(t.text);
      return fail(`unknown name ${JSON.stringify(t.text)} at position ${t.at} (known: fixed, I32F32::from_num, I32F32::MAX, I32F32::MIN, I32F32::max_value(), I32F32::min_value())`);
    }
    if (t.kind === "number") return fail(`bare number ${t.text} at position ${t.at}: write fixed(${t.text}) or I32F32::from_num(${t.text})`);
    return fail(`expected a value ${where(t)}, found ${t.kind === "end" ? "the end" : JSON.stringify(t.text)}`);
  };

  const unary = (): bigint => {
    const t = peek();
    if (t.kind === "op" && t.text === "-") {
      pos++;
      return inRange(-unary(), `the negation at position ${t.at}`);
    }
    return primary();
  };

  const term = (): bigint => {
    let v = unary();
    for (;;) {
      const t = peek();
      if (t.kind !== "op" || (t.text !== "*" && t.text !== "/")) return v;
      pos++;
      const rhs = unary();
      if (t.text === "/" && rhs === 0n) fail(`division by zero at position ${t.at}`);
      const r = t.text === "*" ? checkedMul(I32F32, v, rhs) : checkedDiv(I32F32, v, rhs);
      v = r ?? fail(`the ${t.text === "*" ? "product" : "quotient"} at position ${t.at} overflows I32F32`);
    }
  };

  const expr = (): bigint => {
    let v = term();
    for (;;) {
      const t = peek();
      if (t.kind !== "op" || (t.text !== "+" && t.text !== "-")) return v;
      pos++;
      const rhs = term();
      const r = checkedAdd(I32F32, v, t.text === "+" ? rhs : -rhs);
      v = r ?? fail(`the ${t.text === "+" ? "sum" : "difference"} at position ${t.at} overflows I32F32`);
    }
  };

  if (peek().kind === "end") fail("the expression is empty");
  const value = expr();
  const t = peek();
  if (t.kind !== "end") fail(`unexpected ${JSON.stringify(t.text)} at position ${t.at}`);
  return value;
}
