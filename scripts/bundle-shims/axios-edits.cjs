// Two things axios does at load reach for Node's lazily loaded web globals, which loads undici
// (about 20 ms of CPU) although a component's requests go through axios's http adapter:
// - it builds its fetch adapter once ("warming" it: reads fetch, Request, Response, constructs test
//   Requests and streams). The adapter is built on demand anyway, by the same function, when a
//   request asks for `adapter: "fetch"`; the build drops the warm-up call.
// - `isFormData` caches `globalThis.FormData` at load. The build reads it on the first call that
//   gets that far, which only objects with an `append` method do (FormData-like bodies): plain
//   objects, arrays, strings and buffers are answered by the checks before it, as they are now.
// scripts/build.mjs applies these to axios's Node build; each must match exactly once, so an axios
// upgrade that moves the text fails the build instead of silently keeping the cost.
// test/bundle.test.ts checks the edited axios answers as the original does.
"use strict";
const EDITS = [
  [/^getFetch\(\);$/m, "/* fetch adapter built on demand (scripts/build.mjs) */"],
  [/^const FormDataCtor = typeof G\.FormData !== 'undefined' \? G\.FormData : undefined;$/m, "let FormDataCtor;"],
  [
    /^ {2}if \(FormDataCtor && thing instanceof FormDataCtor\) return true;\n([\s\S]*? {2}if \(!isFunction\$1\(thing\.append\)\) return false;\n)/m,
    "$1  if (FormDataCtor === undefined) FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : null;\n  if (FormDataCtor && thing instanceof FormDataCtor) return true;\n",
  ],
];

/** axios's source with the edits applied; throws naming the edit that no longer matches once. */
const apply = (source, file = "axios") => {
  let edited = source;
  for (const [pattern, replacement] of EDITS) {
    const found = edited.match(new RegExp(pattern.source, "gm"))?.length ?? 0;
    if (found !== 1) throw new Error(`axios changed: ${pattern} matches ${found} times in ${file}, expected once; review scripts/bundle-shims/axios-edits.cjs`);
    edited = edited.replace(pattern, replacement);
  }
  return edited;
};

module.exports = { EDITS, apply };
