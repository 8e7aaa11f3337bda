// lodash/uniq as spectral calls it on every step run (cleaning params: the keys of the params and
// of the input cleaners, all strings). For an array without -0 it is the array's distinct values in
// first-seen order under SameValueZero, which is what a Set keeps; lodash builds a hash cache for
// it, and loading lodash's chunk for that costs more than the call. Anything else goes to lodash.
"use strict";
module.exports = function uniq(array) {
  if (!Array.isArray(array) || array.some((value) => Object.is(value, -0))) return require("lodash/uniq")(array);
  return [...new Set(array)];
};
