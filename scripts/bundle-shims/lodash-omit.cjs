// lodash/omit as spectral calls it while converting the component at `require` (once per input,
// action, trigger and data source): a plain object and an array of plain key names. lodash answers
// that with a copy of the object's enumerable keys, in for-in order, less those keys; this does the
// same without parsing each key as a property path (a tenth of the component's load time in a CPU
// profile). Any other call (paths, symbols, a non-plain object, a `__proto__` key) goes to lodash's
// own omit, loaded then.
"use strict";
const hasOwn = Object.prototype.hasOwnProperty;
/** Key names seen to be plain (no path syntax, not __proto__); spectral passes the same few each time. */
const plain = new Set();
const isPlain = (key) => plain.has(key) || (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key) && key !== "__proto__" && plain.add(key) !== undefined);

module.exports = function omit(object, ...paths) {
  const keys = paths.length === 1 && Array.isArray(paths[0]) ? paths[0] : undefined;
  const simple =
    keys !== undefined &&
    object !== null &&
    typeof object === "object" &&
    Object.getPrototypeOf(object) === Object.prototype &&
    Object.getOwnPropertySymbols(object).length === 0 &&
    !hasOwn.call(object, "__proto__") &&
    keys.every(isPlain);
  if (!simple) return require("lodash/omit")(object, ...paths);
  const result = {};
  for (const key in object) result[key] = object[key];
  for (const key of keys) delete result[key];
  return result;
};
