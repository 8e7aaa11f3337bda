/**
 * Runs a parsed COQL query against CRM data: checks module and field names against the org's
 * metadata, follows lookups for dotted columns, filters, sorts, pages, and shapes rows as Zoho
 * does (lookups as {id}, dotted columns as flat keys, `id` on every row). Pure over a CrmView.
 */
import type { CrmField, CrmModule, CrmRecord } from "../../state";
import { CrmFailure } from "../crmFailure";
import {
  USER_FIELDS,
  compareComparable,
  compareForSort,
  compareIds,
  findField,
  kindOf,
  literalComparable,
  lookupId,
  storedComparable,
  type Comparable,
  type CrmView,
  type ValueKind,
} from "../records/compare";
import type { Column, Comparator, Condition, Literal, SelectItem, SelectQuery } from "./coqlParser";

export interface CoqlResult {
  rows: Array<Record<string, unknown>>;
  moreRecords: boolean;
}

type Clause = "select" | "where" | "order by";

interface ResolvedColumn {
  field: CrmField;
  kind: ValueKind;
  read(record: Record<string, unknown> | undefined): unknown;
}

const RANGE = ["=", "!=", "<", ">", "<=", ">=", "between", "in", "not in"];
/** Comparators Zoho allows per kind of field (`is null` applies to all). */
const COMPARATORS: Record<ValueKind, string[]> = {
  bigint: RANGE,
  number: RANGE,
  date: RANGE,
  datetime: RANGE,
  boolean: ["=", "!="],
  lookup: ["=", "!=", "in", "not in"],
  multi: ["=", "!=", "like", "not like"],
  text: ["=", "!=", "like", "not like", "in", "not in"],
};

const TESTS: Record<Comparator, (order: number) => boolean> = {
  "=": (o) => o === 0,
  "!=": (o) => o !== 0,
  "<": (o) => o < 0,
  ">": (o) => o > 0,
  "<=": (o) => o <= 0,
  ">=": (o) => o >= 0,
};

const invalidColumn = (column: Column, clause: Clause) =>
  new CrmFailure("INVALID_QUERY", "column given seems to be invalid", { column_name: column.text, clause });

export const executeCoql = (query: SelectQuery, view: CrmView): CoqlResult => {
  const module = view.module(query.module);
  if (!module?.api_supported) {
    throw new CrmFailure("INVALID_QUERY", "invalid query formed", {
      module: query.module,
      reason: "the module name given seems to be invalid",
    });
  }
  const resolve = (column: Column, clause: Clause) => resolveColumn(view, module, column.path, column, clause);
  const selected = query.select.map((item) => ({ item, resolved: resolve(item.column, "select") }));
  const matches = compileCondition(query.where, (column) => resolve(column, "where"));
  const order = compileOrder(query.orderBy, (column) => resolve(column, "order by"));
  const found = view.records(module.api_name).filter(matches);
  const rows = selected.some(({ item }) => item.type === "count") ? [countRow(selected, found)] : found.sort(order).map((record) => shapeRow(record, selected));
  return {
    rows: rows.slice(query.offset, query.offset + query.limit),
    moreRecords: rows.length > query.offset + query.limit,
  };
};

/** Walks `A.B.c` through lookup fields; an owner lookup ends at one of the user's fields. */
const resolveColumn = (view: CrmView, module: CrmModule, path: string[], column: Column, clause: Clause): ResolvedColumn => {
  const [name, ...rest] = path;
  const field = findField(module, name);
  if (!field) throw invalidColumn(column, clause);
  if (rest.length === 0) return { field, kind: kindOf(field.data_type), read: (record) => record?.[name] };
  const target = field.data_type === "lookup" && field.lookup ? view.module(field.lookup.module.api_name) : undefined;
  if (target) {
    const inner = resolveColumn(view, target, rest, column, clause);
    return {
      ...inner,
      read: (record) => {
        const id = lookupId(record?.[name]);
        return inner.read(id === undefined ? undefined : view.record(target.api_name, id));
      },
    };
  }
  const [userField] = rest;
  if (kindOf(field.data_type) === "lookup" && rest.length === 1 && USER_FIELDS.includes(userField)) {
    const data_type = userField === "id" ? "bigint" : "text";
    return {
      field: { api_name: userField, field_label: userField, data_type },
      kind: kindOf(data_type),
      read: (record) => {
        const owner = record?.[name];
        const id = lookupId(owner);
        const user = id === undefined ? undefined : view.user(id);
        return user?.[userField] ?? (owner as Record<string, unknown> | undefined)?.[userField];
      },
    };
  }
  throw invalidColumn(column, clause);
};

type Matcher = (record: CrmRecord) => boolean;

/** Checks names, comparators and literal types once, before any record is read. */
const compileCondition = (condition: Condition, resolve: (column: Column) => ResolvedColumn): Matcher => {
  if ("left" in condition) {
    const left = compileCondition(condition.left, resolve);
    const right = compileCondition(condition.right, resolve);
    return condition.type === "and" ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  const column = resolve(condition.column);
  if (column.field.data_type === "textarea") {
    throw new CrmFailure("INVALID_QUERY", "data type not supported", {
      clause: "where",
      column_name: condition.column.text,
      data_type: column.field.data_type,
    });
  }
  const stored = (record: CrmRecord) => storedComparable(column.read(record), column.kind);
  const literal = (value: Literal) => toComparable(value, column, condition.column);
  switch (condition.type) {
    case "null":
      return (r) => (stored(r) === null) !== condition.negated;
    case "compare": {
      allow(column, condition.column, condition.comparator);
      const value = literal(condition.value);
      const test = TESTS[condition.comparator];
      return (r) => {
        const v = stored(r);
        return v !== null && test(compareComparable(v, value));
      };
    }
    case "between": {
      allow(column, condition.column, "between");
      const low = literal(condition.low);
      const high = literal(condition.high);
      return (r) => {
        const v = stored(r);
        return v !== null && compareComparable(v, low) >= 0 && compareComparable(v, high) <= 0;
      };
    }
    case "in": {
      allow(column, condition.column, condition.negated ? "not in" : "in");
      const values = condition.values.map(literal);
      return (r) => {
        const v = stored(r);
        return v !== null && values.some((value) => compareComparable(v, value) === 0) !== condition.negated;
      };
    }
    case "like": {
      allow(column, condition.column, condition.negated ? "not like" : "like");
      const pattern = likePattern(condition.pattern);
      return (r) => {
        const v = stored(r);
        return v !== null && pattern.test(String(v)) !== condition.negated;
      };
    }
  }
};

const allow = (column: ResolvedColumn, written: Column, comparator: string) => {
  if (!COMPARATORS[column.kind].includes(comparator)) {
    throw new CrmFailure("INVALID_QUERY", "invalid query formed", {
      clause: "where",
      column_name: written.text,
      operator: comparator,
      reason: "invalid operator found",
    });
  }
};

const toComparable = (literal: Literal, column: ResolvedColumn, written: Column): Comparable => {
  const value = literalComparable(literal.value, column.kind);
  if (value === undefined) {
    throw new CrmFailure("INVALID_QUERY", "value given seems to be invalid for the column", {
      clause: "where",
      column_name: written.text,
      expected_data_type: column.field.data_type,
    });
  }
  return value;
};

/** `%` is the only wildcard; matching ignores case like the rest of text comparison. */
const likePattern = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .toLowerCase()
      .split("%")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  );

/** Order-by columns in turn, then id, so pages are stable and no row is seen twice. */
const compileOrder = (orderBy: SelectQuery["orderBy"], resolve: (column: Column) => ResolvedColumn): ((a: CrmRecord, b: CrmRecord) => number) => {
  const keys = orderBy.map(({ column, direction }) => {
    const resolved = resolve(column);
    const sign = direction === "desc" ? -1 : 1;
    const key = (r: CrmRecord) => storedComparable(resolved.read(r), resolved.kind);
    return (a: CrmRecord, b: CrmRecord) => sign * compareForSort(key(a), key(b));
  });
  return (a, b) => {
    for (const key of keys) {
      const order = key(a, b);
      if (order !== 0) return order;
    }
    return compareIds(a.id, b.id);
  };
};

type Selected = Array<{ item: SelectItem; resolved: ResolvedColumn }>;

const shapeRow = (record: CrmRecord, selected: Selected): Record<string, unknown> => {
  const row: Record<string, unknown> = {};
  for (const { item, resolved } of selected) row[item.column.text] = output(resolved, resolved.read(record));
  row.id = record.id;
  return row;
};

/** Lookups come back as {id}; owner lookups keep the user's name, which Zoho's user shape requires. */
const output = (column: ResolvedColumn, value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  if (column.kind !== "lookup") return value;
  const id = lookupId(value);
  const name = (value as { name?: unknown }).name;
  return column.field.data_type !== "lookup" && name !== undefined ? { name, id } : { id };
};

/** Aggregates without GROUP BY: every select item must be COUNT(...). */
const countRow = (selected: Selected, found: CrmRecord[]): Record<string, unknown> => {
  const row: Record<string, unknown> = {};
  for (const { item, resolved } of selected) {
    if (item.type !== "count") {
      throw new CrmFailure("INVALID_QUERY", "invalid query formed", {
        clause: "select",
        column_name: item.column.text,
        reason: "a column next to an aggregate needs a group by clause",
      });
    }
    row[`COUNT(${item.column.text})`] = found.filter((r) => storedComparable(resolved.read(r), resolved.kind) !== null).length;
  }
  return row;
};
