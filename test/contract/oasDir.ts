/** Where Zoho's OpenAPI files are: $ZOHO_OAS_DIR, else ../shared/zoho-oas beside the repo (never inside it). */
import path from "node:path";

export const oasDir = (): string =>
  process.env.ZOHO_OAS_DIR ? path.resolve(process.env.ZOHO_OAS_DIR) : path.resolve(__dirname, "../../../shared/zoho-oas");

export const CRM_FOLDER = "crm-v8";
export const BOOKS_FOLDER = "books-v3";
