// hasown is Object.prototype.hasOwnProperty bound as a function; the package binds it with the
// function-bind polyfill, which Node 20 does not need.
"use strict";
module.exports = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
