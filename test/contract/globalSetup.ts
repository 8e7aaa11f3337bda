/**
 * Once per jest run, before any test file: without Zoho's OpenAPI files say plainly that contract
 * checks are skipped and how to enable them (each test file would otherwise have to), or, with
 * ZOHO_OAS_REQUIRED=1 (CI), fail the run.
 */
import { holdsOas, oasDir, requiredMessage, skipNotice } from "./oasDir";

export default function oasNotice(): void {
  if (holdsOas(oasDir())) return;
  if (process.env.ZOHO_OAS_REQUIRED === "1") throw new Error(requiredMessage());
  process.stderr.write(`\n${skipNotice()}\n\n`);
}
