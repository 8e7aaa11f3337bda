/** Fields of the polling triggers, shared by CRM and Books. */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { cleanBool, cleanText, field } from "./field";
import { bool, optionalTime } from "./schemas";

export const emit = field(
  input({
    label: "Emit",
    type: "string",
    required: true,
    default: "all",
    model: [
      { label: "New and updated records", value: "all" },
      { label: "Only new records", value: "created" },
      { label: "Only updated records", value: "updated" },
    ],
    comments: "Which changes start the flow.",
    example: "all",
    clean: cleanText,
  }),
  () => z.preprocess((v) => v || "all", z.enum(["all", "created", "updated"], { message: "choose all, created or updated" })),
);

export const startTime = field(
  input({
    label: "Start Time",
    type: "string",
    required: false,
    comments: "Optional ISO 8601 time to start from on the first poll. Empty: start from now and emit only later changes.",
    example: "2026-11-01T00:00:00+00:00",
    clean: cleanText,
  }),
  () => optionalTime(),
);

export const includeDeletions = field(
  input({
    label: "Include Deletions",
    type: "boolean",
    default: "false",
    comments:
      'Also start the flow with every record deleted since the last check (its id, name, who deleted it and when), once each, with _change "deleted". Reads Zoho\'s deleted records list: one more call each poll.',
    clean: cleanBool,
  }),
  () => bool(false),
);
