// spectral loads `yaml` only to read code-native integration definitions, which a component never has.
const unavailable = () => {
  throw new Error("YAML support is not bundled in the Zoho component");
};
module.exports = { parse: unavailable, stringify: unavailable, default: { parse: unavailable, stringify: unavailable } };
