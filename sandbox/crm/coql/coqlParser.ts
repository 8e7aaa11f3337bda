/**
 * COQL parser: a tokenizer and a recursive-descent parser for the SELECT statements Zoho accepts.
 * Pure and metadata-free: coqlExecutor.ts checks module and field names against the org.
 *
 * Zoho-specific rules enforced here: the where clause is mandatory; one level of the where clause
 * holds at most two criteria (`A and B and C` must be bracketed); and the limits below.
 */
import { CrmFailure } from "../crmFailure";

export const COQL_LIMITS = {
  selectColumns: 50,
  criteria: 25,
  inValues: 50,
  orderByColumns: 10,
  rowsPerCall: 2000,
  reachableRows: 100_000,
  defaultRows: 200,
};

/** Numbers keep their text so 19-digit ids survive. */
export type Literal = { type: "string"; value: string } | { type: "number"; value: string } | { type: "boolean"; value: boolean };

/** A field as written: `Last_Name`, or `Account_Name.Owner.email` through lookups. */
export interface Column {
  path: string[];
  text: string;
}

export type Comparator = "=" | "!=" | "<" | ">" | "<=" | ">=";

export type Condition =
  | { type: "compare"; column: Column; comparator: Comparator; value: Literal }
  | { type: "like"; column: Column; negated: boolean; pattern: string }
  | { type: "in"; column: Column; negated: boolean; values: Literal[] }
  | { type: "null"; column: Column; negated: boolean }
  | { type: "between"; column: Column; low: Literal; high: Literal }
  | { type: "and" | "or"; left: Condition; right: Condition };

export type SelectItem = { type: "column"; column: Column } | { type: "count"; column: Column };

export interface SelectQuery {
  select: SelectItem[];
  module: string;
  where: Condition;
  orderBy: Array<{ column: Column; direction: "asc" | "desc" }>;
  offset: number;
  limit: number;
}

interface Token {
  type: "word" | "string" | "number" | "symbol" | "end";
  text: string;
  /** Unescaped content of a string token. */
  value: string;
  line: number;
  column: number;
}

const SYMBOLS = ["<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",", ".", ";", "*"];
const KEYWORDS = new Set("select from where and or not like in is null between order by asc desc limit offset true false".split(" "));

const syntaxError = (token: Pick<Token, "line" | "column" | "text">) =>
  new CrmFailure("SYNTAX_ERROR", "error occurred while parsing the query", {
    line: token.line,
    column: token.column,
    near: token.text,
  });

const limitExceeded = (clause: string, limit: number, extra: Record<string, unknown> = {}) =>
  new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { clause, limit, ...extra });

export const tokenize = (query: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (start: number) => ({ line, column: start - lineStart + 1 });
  while (i < query.length) {
    const ch = query[i];
    if (ch === "\n") {
      line += 1;
      lineStart = i + 1;
      i += 1;
    } else if (/\s/.test(ch)) {
      i += 1;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const start = i;
      while (i < query.length && /[A-Za-z0-9_$]/.test(query[i])) i += 1;
      const text = query.slice(start, i);
      tokens.push({ type: "word", text, value: text, ...at(start) });
    } else if (/\d/.test(ch) || (ch === "-" && /\d/.test(query[i + 1] ?? ""))) {
      const start = i;
      i += 1;
      while (i < query.length && /[\d.]/.test(query[i])) i += 1;
      const text = query.slice(start, i);
      if (!/^-?\d+(\.\d+)?$/.test(text)) throw syntaxError({ text, ...at(start) });
      tokens.push({ type: "number", text, value: text, ...at(start) });
    } else if (ch === "'" || ch === '"') {
      tokens.push(readString(query, i, at(i)));
      i += tokens[tokens.length - 1].text.length;
    } else {
      const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
      if (!symbol) throw syntaxError({ text: ch, ...at(i) });
      tokens.push({ type: "symbol", text: symbol, value: symbol, ...at(i) });
      i += symbol.length;
    }
  }
  // A query that ends too soon is reported near its last token.
  const last = tokens[tokens.length - 1];
  tokens.push(last ? { ...last, type: "end", value: "" } : { type: "end", text: "", value: "", ...at(i) });
  return tokens;
};

/** A quoted string: the quote is escaped by doubling it (Zoho's way) or with a backslash. */
const readString = (query: string, start: number, position: { line: number; column: number }): Token => {
  const quote = query[start];
  let value = "";
  let i = start + 1;
  while (i < query.length) {
    const ch = query[i];
    if (ch === "\\" && i + 1 < query.length) {
      value += query[i + 1];
      i += 2;
    } else if (ch === quote && query[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (ch === quote) {
      return { type: "string", text: query.slice(start, i + 1), value, ...position };
    } else {
      value += ch;
      i += 1;
    }
  }
  throw syntaxError({ text: query.slice(start), ...position });
};

export const parseCoql = (query: string): SelectQuery => new Parser(tokenize(query)).query();

class Parser {
  private pos = 0;
  private criteria = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): SelectQuery {
    this.expectKeyword("select");
    const select = this.list(() => this.selectItem());
    if (select.length > COQL_LIMITS.selectColumns) throw limitExceeded("select", COQL_LIMITS.selectColumns);
    rejectDuplicates(
      "select",
      select.map((item) => (item.type === "count" ? `COUNT(${item.column.text})` : item.column.text)),
    );
    this.expectKeyword("from");
    const module = this.name();
    if (!this.acceptKeyword("where")) {
      if (this.peek().type === "end" || this.isKeyword(this.peek(), "order") || this.isKeyword(this.peek(), "limit")) {
        throw new CrmFailure("SYNTAX_ERROR", "error occurred while parsing the query", { clause: "where" });
      }
      throw syntaxError(this.peek());
    }
    const where = this.condition();
    const orderBy = this.orderBy();
    const { offset, limit } = this.limit();
    this.acceptSymbol(";");
    if (this.peek().type !== "end") throw syntaxError(this.peek());
    return { select, module, where, orderBy, offset, limit };
  }

  private selectItem(): SelectItem {
    const token = this.peek();
    if (token.type === "word" && token.text.toLowerCase() === "count" && this.peek(1).text === "(") {
      this.pos += 2;
      const column = this.column();
      this.expectSymbol(")");
      return { type: "count", column };
    }
    return { type: "column", column: this.column() };
  }

  /** Brackets decide grouping: a level holds one criterion or two joined by and/or, never more. */
  private condition(): Condition {
    const left = this.term();
    const connective = this.connective();
    if (!connective) return left;
    const right = this.term();
    if (this.connective()) throw syntaxError(this.tokens[this.pos - 1]);
    return { type: connective, left, right };
  }

  private connective(): "and" | "or" | undefined {
    if (this.acceptKeyword("and")) return "and";
    if (this.acceptKeyword("or")) return "or";
    return undefined;
  }

  private term(): Condition {
    if (this.acceptSymbol("(")) {
      const inner = this.condition();
      this.expectSymbol(")");
      return inner;
    }
    this.criteria += 1;
    if (this.criteria > COQL_LIMITS.criteria) throw limitExceeded("where", COQL_LIMITS.criteria);
    return this.predicate();
  }

  private predicate(): Condition {
    const column = this.column();
    const token = this.next();
    if (token.type === "symbol" && ["=", "!=", "<>", "<", ">", "<=", ">="].includes(token.text)) {
      const comparator = (token.text === "<>" ? "!=" : token.text) as Comparator;
      return { type: "compare", column, comparator, value: this.literal() };
    }
    const negated = this.isKeyword(token, "not");
    const keyword = negated ? this.next() : token;
    if (this.isKeyword(keyword, "like")) {
      const pattern = this.next();
      if (pattern.type !== "string") throw syntaxError(pattern);
      return { type: "like", column, negated, pattern: pattern.value };
    }
    if (this.isKeyword(keyword, "in")) {
      this.expectSymbol("(");
      const values = this.list(() => this.literal());
      this.expectSymbol(")");
      if (values.length > COQL_LIMITS.inValues) {
        throw limitExceeded("where", COQL_LIMITS.inValues, { operator: negated ? "not in" : "in" });
      }
      return { type: "in", column, negated, values };
    }
    if (!negated && this.isKeyword(keyword, "is")) {
      const isNot = this.acceptKeyword("not");
      this.expectKeyword("null");
      return { type: "null", column, negated: isNot };
    }
    if (!negated && this.isKeyword(keyword, "between")) {
      const low = this.literal();
      this.expectKeyword("and");
      return { type: "between", column, low, high: this.literal() };
    }
    throw syntaxError(keyword);
  }

  /** A value: quoted string, number, boolean, or a bare word (Zoho reads `Lead_Source = Advertisement` as text). */
  private literal(): Literal {
    const token = this.next();
    if (token.type === "string") return { type: "string", value: token.value };
    if (token.type === "number") return { type: "number", value: token.value };
    if (this.isKeyword(token, "true") || this.isKeyword(token, "false")) {
      return { type: "boolean", value: token.text.toLowerCase() === "true" };
    }
    if (token.type === "word" && !KEYWORDS.has(token.text.toLowerCase())) return { type: "string", value: token.value };
    throw syntaxError(token);
  }

  private orderBy(): SelectQuery["orderBy"] {
    if (!this.acceptKeyword("order")) return [];
    this.expectKeyword("by");
    const orderBy = this.list(() => {
      const column = this.column();
      if (this.acceptKeyword("desc")) return { column, direction: "desc" as const };
      this.acceptKeyword("asc");
      return { column, direction: "asc" as const };
    });
    if (orderBy.length > COQL_LIMITS.orderByColumns) throw limitExceeded("order by", COQL_LIMITS.orderByColumns);
    rejectDuplicates(
      "order by",
      orderBy.map((o) => o.column.text),
    );
    return orderBy;
  }

  /** `limit n`, `limit offset, n` or `limit n offset m`. */
  private limit(): { offset: number; limit: number } {
    if (!this.acceptKeyword("limit")) return { offset: 0, limit: COQL_LIMITS.defaultRows };
    let offset = 0;
    let limit = this.integer();
    if (this.acceptSymbol(",")) {
      offset = limit;
      limit = this.integer();
    } else if (this.acceptKeyword("offset")) {
      offset = this.integer();
    }
    if (limit > COQL_LIMITS.rowsPerCall) throw limitExceeded("limit", COQL_LIMITS.rowsPerCall);
    if (offset + limit > COQL_LIMITS.reachableRows) throw limitExceeded("offset", COQL_LIMITS.reachableRows);
    return { offset, limit };
  }

  private integer(): number {
    const token = this.next();
    if (token.type !== "number" || !/^\d+$/.test(token.text)) throw syntaxError(token);
    return Number(token.text);
  }

  private column(): Column {
    const path = [this.name()];
    while (this.acceptSymbol(".")) path.push(this.name());
    return { path, text: path.join(".") };
  }

  /** A field or module name; quoting lets a reserved word through, as Zoho's docs advise. */
  private name(): string {
    const token = this.next();
    if (token.type === "string") return token.value;
    if (token.type === "word" && !KEYWORDS.has(token.text.toLowerCase())) return token.text;
    throw syntaxError(token);
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptSymbol(",")) items.push(item());
    return items;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== "end") this.pos += 1;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === "word" && token.text.toLowerCase() === keyword;
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false;
    this.pos += 1;
    return true;
  }

  private expectKeyword(keyword: string): void {
    if (!this.acceptKeyword(keyword)) throw syntaxError(this.peek());
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.type !== "symbol" || token.text !== symbol) return false;
    this.pos += 1;
    return true;
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw syntaxError(this.peek());
  }
}

const rejectDuplicates = (clause: string, names: string[]) => {
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new CrmFailure("DUPLICATE_DATA", "duplicate data", { clause, column_name: duplicate });
};
