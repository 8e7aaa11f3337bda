/**
 * The demo's instant Books steps: the instant trigger deployed on invoices (a signed Books webhook
 * and workflow rule for the flow), the invoice voided so Books calls the flow, a forged call
 * refused, the invoice's PDF attached and read back, and the instance deleted.
 */
import books from "../../actions/books";
import { booksRecordsInstantTrigger } from "../../triggers/booksRecordsInstant";
import type { Harness } from "./harness";
import { startReceiver } from "./receiver";
import { done, expect, formatCount, type Steps } from "./steps";

const FLOW_NAME = "Books invoice events";

export const instantBooksSteps = async (steps: Steps, zoho: Harness, organizationId: string, invoice: Record<string, any>) => {
  const receiver = await startReceiver(booksRecordsInstantTrigger, { flowName: FLOW_NAME, logger: zoho.logger });
  try {
    await steps.run("Deploy the instant Books trigger", async () => {
      await receiver.deploy({ connection: zoho.connection, organizationId, recordType: "invoices", events: ["created", "edited"] });
      const registration = Object.entries(receiver.instanceState).find(([key]) => key.startsWith("zohoBooksWebhooks:"))?.[1] as
        | { hooks: unknown[] }
        | undefined;
      expect(registration?.hooks.length === 2, "the deploy did not register a webhook and workflow rule per event");
      return done(
        `booksRecordsInstantTrigger created ${registration!.hooks.length} signed Books webhooks and workflow rules (created, edited) posting to ${receiver.url}`,
      );
    });

    await steps.run("Void the invoice: Books calls the flow at once", async () => {
      await zoho.action(books.booksRecordAction, { organizationId, recordType: "invoices", recordId: invoice.invoice_id, action: "invoices:status/void" });
      expect(await receiver.waitFor(1, 5000), "no Books webhook call reached the flow within 5 s");
      const [call] = receiver.calls;
      expect(
        call.branch === "Event" && call.data?.event === "edited" && call.data.recordId === invoice.invoice_id,
        "the call was not a verified edit of the invoice",
      );
      expect(call.data.record?.status === "void", `the record arrived with status ${call.data.record?.status}, not void`);
      return done(`a verified, signed call arrived: ${call.data.event} ${invoice.invoice_number}, status ${call.data.record.status}`);
    });

    await steps.run("Reject a forged Books call", async () => {
      const before = receiver.calls.length;
      const body = JSON.stringify({ invoice: { ...invoice, status: "paid" } });
      const response = await fetch(`${receiver.url}?zoho_event=edited`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-zoho-webhook-signature": "0".repeat(64) },
        body,
      });
      const call = receiver.calls[before];
      expect(response.status === 401, `the forged call was answered ${response.status}, not 401`);
      expect(call?.branch === "Rejected" && call.data === null, "the forged call was not routed to the Rejected branch with no data");
      return done("a call with the flow's URL and a wrong X-Zoho-Webhook-Signature was answered 401 on the Rejected branch, nothing emitted");
    });

    await steps.run("Attach the PDF to the invoice and read it back", async () => {
      const pdf = await zoho.action(books.booksDownloadRecordPdf, { organizationId, recordType: "invoices", recordId: invoice.invoice_id });
      await zoho.action(books.booksAddAttachment, {
        organizationId,
        recordType: "invoices",
        recordId: invoice.invoice_id,
        file: pdf,
        fileName: `${invoice.invoice_number}.pdf`,
      });
      const back = await zoho.action(books.booksGetAttachment, { organizationId, recordType: "invoices", recordId: invoice.invoice_id });
      expect(Buffer.compare(back.data, pdf.data) === 0, "the attachment read back differs from the file attached");
      return done(`booksAddAttachment and booksGetAttachment round-tripped the ${formatCount(pdf.data.length)}-byte PDF byte for byte`);
    });
  } finally {
    await steps.run("Delete the instant trigger's webhooks", async () => {
      await receiver.remove();
      expect(Object.keys(receiver.instanceState).length === 0, "the delete left state behind");
      return done("the flow's workflow rules and webhooks were deleted from Books");
    });
    await receiver.close();
  }
};
