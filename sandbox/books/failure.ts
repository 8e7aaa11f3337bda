/**
 * A Books error answer thrown from anywhere in a handler (an unknown organization, a missing record,
 * a mandatory field left out); `answering` wraps a handler so the throw becomes Books' {code, message}.
 * The codes and texts Books uses live here, in one place.
 */
import { booksError } from "../respond";
import type { Handler } from "../types";
import type { RecordType } from "./recordTypes";

export class BooksFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Code 2 is Books' "Invalid value passed for <parameter or field>" (Zoho's Deluge help shows it for filter_by). */
export const invalidValue = (name: string) => new BooksFailure(2, `Invalid value passed for ${name}`);

/** Books documents 1002 "Invoice does not exist."; the sandbox answers every type the same way. */
export const doesNotExist = (type: RecordType) => new BooksFailure(1002, `${type.label} does not exist.`, 404);

/** Zoho's answer for an organization id the user does not belong to (code 6041, in Zoho's Deluge help). */
export const notInOrganization = (organizationId: string) =>
  new BooksFailure(6041, `This user is not associated with the CompanyID/CompanyName:${organizationId}.`);

export const answering =
  (handler: Handler): Handler =>
  async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (e) {
      if (e instanceof BooksFailure) return booksError(e.status, e.code, e.message);
      throw e;
    }
  };
