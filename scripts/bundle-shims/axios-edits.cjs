// Two things axios does at load reach for Node's lazily loaded web globals, which loads undici
// (about 20 ms of CPU) although a component's requests go through axios's http adapter:
// - it builds its fetch adapter once ("warming" it: reads fetch, Request, Response, constructs test
//   Requests and streams). The adapter is built on demand anyway, by the same function, when a
//   request asks for `adapter: "fetch"`; the build drops the warm-up call.
// - `isFormData` caches `globalThis.FormData` at load. The build reads it on the first call that
//   gets that far, which only objects with an `append` method do (FormData-like bodies): plain
//   objects, arrays, strings and buffers are answered by the checks before it, as they are now.
// And three modules axios requires at its top wait for first use: crypto (only the multipart
// boundary of a spec FormData body uses it), follow-redirects (only requests that follow redirects;
// calls carrying the token never do), and perf_hooks, which reading the global `performance` loads
// at the first request just to time it (response.duration): process.hrtime gives the same
// monotonic milliseconds. About 10 ms of a cold first call.
// scripts/build.mjs applies these to axios's Node build; each must match exactly once, so an axios
// upgrade that moves the text fails the build instead of silently keeping the cost.
// test/bundle.test.ts checks the edited axios answers as the original does.
"use strict";
const EDITS = [
  [/^var crypto = require\('crypto'\);$/m, "var crypto; /* required on first use (scripts/build.mjs) */"],
  [/^ {2}crypto\.randomFillSync\(randomValues\);$/m, "  (crypto || (crypto = require('crypto'))).randomFillSync(randomValues);"],
  [/^var followRedirects = require\('follow-redirects'\);$/m, "var followRedirects; /* required on first use (scripts/build.mjs) */"],
  [/^const \{\n {2}http: httpFollow,\n {2}https: httpsFollow\n\} = followRedirects;\n/m, ""],
  [
    /^ {8}transport = isHttpsRequest \? httpsFollow : httpFollow;$/m,
    "        followRedirects = followRedirects || require('follow-redirects');\n        transport = isHttpsRequest ? followRedirects.https : followRedirects.http;",
  ],
  [
    /^ {2}return typeof performance !== 'undefined' && utils\$1\.isFunction\(performance\.now\) \? \(\) => performance\.now\(\) : Date\.now;$/m,
    "  return () => Number(process.hrtime.bigint()) / 1e6;",
  ],
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
