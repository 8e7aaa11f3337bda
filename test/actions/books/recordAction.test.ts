import { booksGetRecord } from "../../../actions/books/getRecord";
import { booksRecordAction } from "../../../actions/books/recordAction";
import { sentEmails } from "../../../sandbox/books/actions";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const act = (params: Record<string, unknown>) => run(booksRecordAction, sandbox(), params);
const status = async (recordType: string, recordId: unknown) => (await run(booksGetRecord, sandbox(), { recordType, recordId })).data.status;

it("marks an invoice as sent, then voids it, with no body sent", async () => {
  const [invoice] = seed(sandbox(), "invoices", 1);
  const from = sandbox().log.length;
  const result = await act({ recordType: "invoices", recordId: invoice.invoice_id, action: "invoices:status/sent" });
  expect(result.data).toEqual({
    recordType: "invoices",
    recordId: invoice.invoice_id,
    action: "status/sent",
    message: "Invoice status has been changed to Sent.",
  });
  expectSameShape(result.data, booksRecordAction.examplePayload!.data);
  const post = booksCalls(sandbox(), from).at(-1)!;
  expect(post).toMatchObject({ method: "POST", path: `/books/v3/invoices/${invoice.invoice_id}/status/sent`, query: { organization_id: "10234695" } });
  expect(post.body).toBeUndefined();
  expect(await status("invoices", invoice.invoice_id)).toBe("sent");
  await act({ recordType: "invoices", recordId: invoice.invoice_id, action: "invoices:status/void" });
  expect(await status("invoices", invoice.invoice_id)).toBe("void");
});

it("approves an estimate and marks an item inactive", async () => {
  const [estimate] = seed(sandbox(), "estimates", 1);
  await act({ recordType: "estimates", recordId: estimate.estimate_id, action: "estimates:approve" });
  expect(await status("estimates", estimate.estimate_id)).toBe("approved");
  const [item] = seed(sandbox(), "items", 1);
  await act({ recordType: "items", recordId: item.item_id, action: "items:inactive" });
  expect(await status("items", item.item_id)).toBe("inactive");
});

it("emails an invoice with the Body's recipients", async () => {
  const [invoice] = seed(sandbox(), "invoices", 1);
  const body = JSON.stringify({ to_mail_ids: ["finance@bowman.example.com"] });
  const { data } = await act({ recordType: "invoices", recordId: invoice.invoice_id, action: "invoices:email", body });
  expect(data.message).toBe("Your invoice has been sent.");
  expect(sentEmails(sandbox().state).at(-1)).toMatchObject({ id: invoice.invoice_id, to_mail_ids: ["finance@bowman.example.com"] });
});

it("rejects an action that is not the record type's, a missing action and bad JSON, before any request", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(act({ recordType: "items", recordId: "1", action: "invoices:status/sent" })).rejects.toThrow(
      /Input "Action" \(action\): "invoices:status\/sent" is not an action on items: pick one of items:active, items:inactive/,
    );
    await expect(act({ recordType: "taxes", recordId: "1", action: "taxes:approve" })).rejects.toThrow(/Books offers no actions on this type/);
    await expect(act({ recordType: "invoices", recordId: "1", action: "" })).rejects.toThrow(/Input "Action" \(action\): pick an action/);
    await expect(act({ recordType: "invoices", recordId: "1", action: "invoices:email", body: "{to:" })).rejects.toThrow(
      /Input "Body" \(body\): is not valid JSON/,
    );
  });
});

it("says a missing record does not exist", async () => {
  await expect(act({ recordType: "bills", recordId: "460000000000001", action: "bills:status/void" })).rejects.toThrow(
    /Zoho Books error 1002.*Bill does not exist/,
  );
});
