import { recordId, recordType } from "../../src/fields/crm";
import { photoModule } from "../../src/fields/files";
import { zohoAction } from "../../src/step";

export const crmDeleteRecordPhoto = zohoAction({
  display: {
    label: "Delete Record Photo",
    description: "Remove the photo of a Lead, Contact, Account, Product, Deal, Vendor or custom-module record.",
  },
  fields: { recordType: photoModule(recordType), recordId },
  perform: async (_context, input, client) => {
    const response = await client.request<{ code: string; message: string; status: string }>({
      api: "crm",
      method: "DELETE",
      path: `/${input.recordType}/${input.recordId}/photo`,
    });
    const { code, message, status } = response.data;
    return { data: { code, message, status } };
  },
  examplePayload: { data: { code: "SUCCESS", message: "photo deleted successfully", status: "success" } },
});
