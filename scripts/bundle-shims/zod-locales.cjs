// Zod bundles ~40 error-message locales; the component only uses English.
exports.en = require("zod/v4/locales/en.cjs").default;
