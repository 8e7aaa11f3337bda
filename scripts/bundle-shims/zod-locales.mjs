// Zod bundles ~40 error-message locales; the component only uses English.
export { default as en } from "zod/v4/locales/en.js";
