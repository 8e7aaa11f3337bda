// zod's schema compiler and JSON-Schema importer: exported by zod, never called by the component.
const unavailable = () => {
  throw new Error("zod's compile/fromJSONSchema are not bundled in the Zoho component");
};
module.exports = new Proxy({}, { get: (_t, key) => (key === "__esModule" ? true : unavailable) });
