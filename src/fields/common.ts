/** Fields every kind of step shares. */
import { input } from "@prismatic-io/spectral";
import { cleanBool, field } from "./field";
import { bool } from "./schemas";

/** Not a field: the builder adds it to every step, and the client reads it. */
export const connectionInput = input({
  label: "Connection",
  type: "connection",
  required: true,
  comments: "The Zoho connection to use.",
});

export const debugRequest = field(
  input({
    label: "Debug Request",
    type: "boolean",
    default: "false",
    comments: "Log each request and response (with tokens and secrets redacted) to the step's log. Turn off in production.",
    clean: cleanBool,
  }),
  () => bool(false),
);
