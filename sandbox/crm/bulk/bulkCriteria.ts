/**
 * A bulk read's `query.criteria`: `{field: {api_name}, comparator, value}` or
 * `{group_operator, group: [...]}`, compiled once into a record matcher after checking fields,
 * comparators and values against the module, with Zoho's error codes for each mistake.
 */
import type { CrmModule, CrmRecord } from "../../state";
import { compareComparable, findField, kindOf, literalComparable, storedComparable, type Comparable, type ValueKind } from "../records/compare";
import { CrmFailure } from "../crmFailure";

export const BULK_CRITERIA_LIMIT = 25;

/** Zoho's placeholder for "no value" in equal / not_equal. */
const EMPTY = "${EMPTY}";

const ORDERED = ["equal", "not_equal", "in", "not_in", "greater_than", "greater_equal", "less_than", "less_equal", "between", "not_between"];
const TEXT = ["equal", "not_equal", "in", "not_in", "contains", "not_contains", "starts_with", "ends_with"];
const COMPARATORS: Record<ValueKind, string[]> = {
  bigint: ORDERED,
  number: ORDERED,
  date: ORDERED,
  datetime: ORDERED,
  boolean: ["equal", "not_equal"],
  lookup: ["equal", "not_equal", "in", "not_in"],
  multi: ["equal", "not_equal", "contains", "not_contains"],
  text: TEXT,
};

const ORDER_TESTS: Record<string, (order: number) => boolean> = {
  greater_than: (o) => o > 0,
  greater_equal: (o) => o >= 0,
  less_than: (o) => o < 0,
  less_equal: (o) => o <= 0,
};

const RANGES = new Set(["between", "not_between"]);
const LISTS = new Set(["in", "not_in"]);

type Matcher = (record: CrmRecord) => boolean;

const invalidCriteria = (reason: string) => new CrmFailure("INVALID_CRITERIA", "invalid criteria", { reason });

export const compileBulkCriteria = (criteria: unknown, module: CrmModule): Matcher => {
  if (countConditions(criteria) > BULK_CRITERIA_LIMIT) {
    throw new CrmFailure("CRITERIA_LIMIT_EXCEEDED", `criteria can have at most ${BULK_CRITERIA_LIMIT} conditions`, {
      limit: BULK_CRITERIA_LIMIT,
    });
  }
  return compile(criteria, module);
};

const countConditions = (criteria: any): number =>
  Array.isArray(criteria?.group) ? criteria.group.reduce((n: number, c: unknown) => n + countConditions(c), 0) : 1;

const compile = (criteria: any, module: CrmModule): Matcher => {
  if (!criteria || typeof criteria !== "object" || Array.isArray(criteria)) throw invalidCriteria("criteria must be an object");
  if (criteria.group !== undefined) {
    if (criteria.group_operator !== "and" && criteria.group_operator !== "or") {
      throw new CrmFailure("GROUP_OPERATOR_NOT_SUPPORTED", "the given group_operator is not supported", {
        group_operator: criteria.group_operator ?? null,
        supported: ["and", "or"],
      });
    }
    if (!Array.isArray(criteria.group) || criteria.group.length === 0) throw invalidCriteria("group must be a non-empty array");
    const children: Matcher[] = criteria.group.map((child: unknown) => compile(child, module));
    return criteria.group_operator === "and" ? (r) => children.every((m) => m(r)) : (r) => children.some((m) => m(r));
  }
  return condition(criteria, module);
};

const condition = (criteria: any, module: CrmModule): Matcher => {
  const apiName = criteria.field?.api_name ?? criteria.api_name;
  if (typeof apiName !== "string") throw invalidCriteria("a condition needs field.api_name");
  const field = findField(module, apiName);
  if (!field) {
    throw new CrmFailure("FIELD_IN_CRITERIA_NOT_AVAILABLE", "the given field is not available", { api_name: apiName, module: module.api_name });
  }
  const kind = kindOf(field.data_type);
  const comparator = criteria.comparator;
  if (!COMPARATORS[kind].includes(comparator)) {
    throw new CrmFailure("FIELD_AND_COMPARATOR_IN_CRITERIA_NOT_COMPATIBLE", "the comparator is not supported for the field", {
      comparator: String(comparator),
      api_name: apiName,
      supported: COMPARATORS[kind],
    });
  }
  const stored = (r: CrmRecord) => storedComparable(r[apiName], kind);
  const value = criteria.value;
  if ((comparator === "equal" || comparator === "not_equal") && value === EMPTY) {
    return comparator === "equal" ? (r) => stored(r) === null : (r) => stored(r) !== null;
  }
  const literals = literalsFor(comparator, value, apiName).map((v) => {
    const literal = literalComparable(typeof v === "boolean" ? v : String(v), kind);
    if (literal === undefined) {
      throw new CrmFailure("FIELD_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE", "the value does not suit the field's data type", {
        api_name: apiName,
        expected_data_type: field.data_type,
      });
    }
    return literal;
  });
  return matcher(comparator, literals, stored);
};

/** between takes [low, high]; in takes a list; the rest one value. */
const literalsFor = (comparator: string, value: unknown, apiName: string): Array<string | number | boolean> => {
  const scalar = (v: unknown): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v);
  const wanted = RANGES.has(comparator) ? 2 : LISTS.has(comparator) ? undefined : 1;
  const values = Array.isArray(value) ? value : [value];
  if (!values.every(scalar) || values.length === 0 || (wanted !== undefined && values.length !== wanted) || (wanted === 1 && Array.isArray(value))) {
    throw new CrmFailure("COMPARATOR_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE", "the value does not suit the comparator", {
      api_name: apiName,
      comparator,
    });
  }
  return values;
};

const matcher = (comparator: string, literals: Comparable[], stored: (r: CrmRecord) => Comparable | null): Matcher => {
  const [first, second] = literals;
  const present = (test: (v: Comparable) => boolean) => (r: CrmRecord) => {
    const v = stored(r);
    return v !== null && test(v);
  };
  const equals = (v: Comparable, literal: Comparable) => compareComparable(v, literal) === 0;
  const between = (v: Comparable) => compareComparable(v, first) >= 0 && compareComparable(v, second) <= 0;
  switch (comparator) {
    case "equal":
      return present((v) => equals(v, first));
    case "not_equal":
      return (r) => !present((v) => equals(v, first))(r);
    case "in":
      return present((v) => literals.some((l) => equals(v, l)));
    case "not_in":
      return (r) => !present((v) => literals.some((l) => equals(v, l)))(r);
    case "between":
      return present(between);
    case "not_between":
      return present((v) => !between(v));
    case "contains":
      return present((v) => String(v).includes(String(first)));
    case "not_contains":
      return (r) => !present((v) => String(v).includes(String(first)))(r);
    case "starts_with":
      return present((v) => String(v).startsWith(String(first)));
    case "ends_with":
      return present((v) => String(v).endsWith(String(first)));
    default:
      return present((v) => ORDER_TESTS[comparator](compareComparable(v, first)));
  }
};
