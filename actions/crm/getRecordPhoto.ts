import { recordId, recordType } from "../../src/fields/crm";
import { photoModule } from "../../src/fields/files";
import { ZohoError } from "../../src/http/errors";
import { binaryOutput } from "../../src/http/files";
import { zohoAction } from "../../src/step";

export const crmGetRecordPhoto = zohoAction({
  display: {
    label: "Get Record Photo",
    description: "Download the photo of a Lead, Contact, Account, Product, Deal, Vendor or custom-module record, as binary data for the next step.",
  },
  fields: { recordType: photoModule(recordType), recordId },
  perform: async (_context, input, client) => {
    const response = await client.request<ArrayBuffer>({ api: "crm", path: `/${input.recordType}/${input.recordId}/photo`, responseType: "arraybuffer" });
    if (response.status === 204) {
      throw new ZohoError(`${input.recordType} record ${input.recordId} has no photo: add one with Upload Record Photo.`, { status: 204 });
    }
    return binaryOutput(response);
  },
  examplePayload: { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), contentType: "image/png" },
});
