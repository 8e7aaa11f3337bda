// lodash/merge as spectral's templateConnectionInputs calls it at `require` (once per templated
// connection): the connection's inputs and its template inputs, with no key in common. lodash then
// sets each template input on the inputs object (changing and returning it), deep-copying plain
// objects and arrays; this does the same for definitions made of plain values, without loading
// lodash's merge (some 30 modules, a tenth of the component's load time in a CPU profile). Any other
// call goes to lodash's own merge, loaded then.
"use strict";
const isPlainObject = (value) => value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
const isPlain = (value) =>
  value === null ||
  ["string", "number", "boolean", "undefined"].includes(typeof value) ||
  (Array.isArray(value)
    ? value.every(isPlain)
    : isPlainObject(value) && Object.getOwnPropertySymbols(value).length === 0 && Object.values(value).every(isPlain));
const copy = (value) =>
  Array.isArray(value) ? value.map(copy) : isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)])) : value;

module.exports = function merge(object, ...sources) {
  const [source] = sources;
  const simple =
    sources.length === 1 &&
    isPlainObject(object) &&
    isPlainObject(source) &&
    Object.keys(source).every((key) => key !== "__proto__" && !(key in object)) &&
    isPlain(source);
  if (!simple) return require("lodash/merge")(object, ...sources);
  for (const key of Object.keys(source)) object[key] = copy(source[key]);
  return object;
};
