/**
 * The Search API's criteria language, `((Last_Name:equals:Burns\,B)and(First_Name:starts_with:M))`:
 * a character scanner (values may hold ':' as datetimes do; `\(`, `\)` and `\,` escape) and a
 * compiler to a record matcher that checks fields, operators and values against the module first.
 */
import type { CrmModule, CrmRecord } from "../../state";
import { CrmFailure } from "../crmFailure";
import {
  ORDER_TESTS,
  compareComparable,
  findField,
  kindOf,
  literalComparable,
  lookupId,
  storedComparable,
  type Comparable,
  type ValueKind,
} from "../records/compare";

export const SEARCH_LIMITS = { criteria: 10, inValues: 100 };

export type Criteria = { type: "condition"; field: string; operator: string; values: string[] } | { type: "and" | "or"; children: Criteria[] };

const malformed = (reason: string) => new CrmFailure("INVALID_QUERY", "Invalid query formed", { api_name: "criteria", reason });

export const parseCriteria = (text: string): Criteria => {
  const scanner = new Scanner(text);
  const criteria = scanner.chain();
  if (!scanner.done()) throw malformed(`unexpected text at position ${scanner.position + 1}`);
  if (countConditions(criteria) > SEARCH_LIMITS.criteria) {
    throw new CrmFailure("CRITERIA_LIMIT_EXCEEDED", `no of criterium that can be given exceed the limit ${SEARCH_LIMITS.criteria}`, {});
  }
  return criteria;
};

const countConditions = (criteria: Criteria): number =>
  criteria.type === "condition" ? 1 : criteria.children.reduce((n, child) => n + countConditions(child), 0);

class Scanner {
  position = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    this.skipSpaces();
    return this.position >= this.text.length;
  }

  /** `(..)and(..)and(..)`: one connective per level, since mixing and/or without brackets is ambiguous. */
  chain(): Criteria {
    const children = [this.group()];
    let connective: "and" | "or" | undefined;
    for (let next = this.connective(); next; next = this.connective()) {
      if (connective && next !== connective) throw malformed("and/or mixed without brackets");
      connective = next;
      children.push(this.group());
    }
    return connective ? { type: connective, children } : children[0];
  }

  private group(): Criteria {
    this.skipSpaces();
    this.expect("(");
    this.skipSpaces();
    const inner = this.text[this.position] === "(" ? this.chain() : this.condition();
    this.skipSpaces();
    this.expect(")");
    return inner;
  }

  private connective(): "and" | "or" | undefined {
    this.skipSpaces();
    const rest = this.text.slice(this.position).toLowerCase();
    const word = rest.startsWith("and") ? "and" : rest.startsWith("or") ? "or" : undefined;
    if (word) this.position += word.length;
    return word;
  }

  /** field:operator:value[,value...] up to the closing bracket. */
  private condition(): Criteria {
    const field = this.until(":").trim();
    const operator = this.until(":").trim();
    const values: string[] = [""];
    while (this.position < this.text.length && this.text[this.position] !== ")") {
      const ch = this.text[this.position];
      if (ch === "\\" && this.position + 1 < this.text.length) {
        values[values.length - 1] += this.text[this.position + 1];
        this.position += 2;
        continue;
      }
      if (ch === "(") throw malformed("unescaped bracket in a value");
      if (ch === ",") values.push("");
      else values[values.length - 1] += ch;
      this.position += 1;
    }
    if (!field || !operator) throw malformed("a criterion needs field:operator:value");
    return { type: "condition", field, operator, values };
  }

  private until(delimiter: string): string {
    const end = this.text.indexOf(delimiter, this.position);
    const close = this.text.indexOf(")", this.position);
    if (end < 0 || (close >= 0 && close < end)) throw malformed("a criterion needs field:operator:value");
    const part = this.text.slice(this.position, end);
    this.position = end + 1;
    return part;
  }

  private expect(ch: string): void {
    if (this.text[this.position] !== ch) throw malformed(`expected '${ch}' at position ${this.position + 1}`);
    this.position += 1;
  }

  private skipSpaces(): void {
    while (/\s/.test(this.text[this.position] ?? "")) this.position += 1;
  }
}

type Matcher = (record: CrmRecord) => boolean;

const ORDERED_OPERATORS = ["equals", "not_equal", "in", "greater_than", "greater_equal", "less_than", "less_equal", "between"];
/** Operators Zoho's search takes per kind of field. */
const OPERATORS: Record<ValueKind, string[]> = {
  bigint: ORDERED_OPERATORS,
  number: ORDERED_OPERATORS,
  date: ORDERED_OPERATORS,
  datetime: ORDERED_OPERATORS,
  boolean: ["equals", "not_equal"],
  lookup: ["equals", "not_equal", "in"],
  multi: ["equals", "not_equal", "starts_with"],
  text: ["equals", "not_equal", "starts_with", "in"],
};

/** Free-text fields: Zoho's `equals` finds the value as a run of words, so "ABC" finds "ABC Inc". */
const WORD_SEARCHED = new Set(["text", "textarea"]);

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const containsWords = (haystack: string, needle: string): boolean => {
  const all = words(haystack);
  const run = words(needle);
  return run.length > 0 && all.some((_, i) => run.every((word, j) => all[i + j] === word));
};

export const compileCriteria = (criteria: Criteria, module: CrmModule): Matcher => {
  if (criteria.type !== "condition") {
    const children = criteria.children.map((child) => compileCriteria(child, module));
    return criteria.type === "and" ? (r) => children.every((m) => m(r)) : (r) => children.some((m) => m(r));
  }
  const { field: apiName, operator, values } = criteria;
  const field = findField(module, apiName);
  if (!field) throw new CrmFailure("INVALID_QUERY", "Invalid query formed", { api_name: apiName, reason: "invalid field name" });
  const kind = kindOf(field.data_type);
  if (!OPERATORS[kind].includes(operator)) {
    throw new CrmFailure("INVALID_QUERY", "Invalid query formed", { api_name: apiName, operator, reason: "invalid operator found" });
  }
  if (operator === "in" && values.length > SEARCH_LIMITS.inValues) {
    throw new CrmFailure("INVALID_QUERY", `Only ${SEARCH_LIMITS.inValues} values are allowed in "IN" criteria`, { api_name: apiName });
  }
  const expected = operator === "between" ? 2 : 1;
  if (operator !== "in" && values.length !== expected) {
    throw new CrmFailure("INVALID_QUERY", "Invalid query formed", {
      api_name: apiName,
      operator,
      reason: `${operator} takes ${expected === 2 ? "two values" : "one value"}; escape a comma in a value as \\,`,
    });
  }
  const literals = values.map((value) => {
    const literal = literalComparable(value, kind);
    if (literal === undefined) {
      throw new CrmFailure("INVALID_QUERY", "Invalid query formed", {
        api_name: apiName,
        expected_data_type: field.data_type,
        reason: "invalid value given for the field",
      });
    }
    return literal;
  });
  const stored = (r: CrmRecord) => storedComparable(r[apiName], kind);
  const equal = equality(apiName, kind, WORD_SEARCHED.has(field.data_type));
  switch (operator) {
    case "equals":
      return (r) => equal(r, literals[0]);
    case "not_equal":
      return (r) => stored(r) !== null && !equal(r, literals[0], true);
    case "in":
      return (r) => literals.some((literal) => equal(r, literal, true));
    case "starts_with":
      return (r) => String(stored(r) ?? "").startsWith(String(literals[0]));
    case "between":
      return (r) => {
        const v = stored(r);
        return v !== null && compareComparable(v, literals[0]) >= 0 && compareComparable(v, literals[1]) <= 0;
      };
    default: {
      const test = ORDER_TESTS[operator];
      return (r) => {
        const v = stored(r);
        return v !== null && test(compareComparable(v, literals[0]));
      };
    }
  }
};

/** Equality per kind: lookups match by id or by the linked record's name; `exact` turns off word search. */
const equality =
  (apiName: string, kind: ValueKind, wordSearched: boolean) =>
  (record: CrmRecord, literal: Comparable, exact = false): boolean => {
    const value = record[apiName];
    if (kind === "lookup") {
      const name = (value as { name?: unknown } | null | undefined)?.name;
      return lookupId(value) === literal || (typeof name === "string" && name.toLowerCase() === String(literal).toLowerCase());
    }
    const stored = storedComparable(value, kind);
    if (stored === null) return false;
    if (wordSearched && !exact) return containsWords(String(stored), String(literal));
    return compareComparable(stored, literal) === 0;
  };
