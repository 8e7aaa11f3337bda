// es-set-tostringtag (form-data marks its prototype "FormData") as it runs on Node 20, where
// Symbol.toStringTag and Object.defineProperty always exist: the package looks both up through
// get-intrinsic and a dozen helper packages written for older engines (about 15 KB in the bundle).
"use strict";
module.exports = function setToStringTag(object, value) {
  const options = arguments.length > 2 && arguments[2] ? arguments[2] : undefined;
  const force = options?.force;
  const nonConfigurable = options?.nonConfigurable;
  if ((typeof force !== "undefined" && typeof force !== "boolean") || (typeof nonConfigurable !== "undefined" && typeof nonConfigurable !== "boolean")) {
    throw new TypeError("if provided, the `overrideIfSet` and `nonConfigurable` options must be booleans");
  }
  if (force || !Object.hasOwn(object, Symbol.toStringTag)) {
    Object.defineProperty(object, Symbol.toStringTag, { configurable: !nonConfigurable, enumerable: false, value, writable: false });
  }
};
