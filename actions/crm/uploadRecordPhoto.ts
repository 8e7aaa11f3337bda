import { recordId, recordType } from "../../src/fields/crm";
import { photo, photoFileName, photoModule, photoName } from "../../src/fields/files";
import { multipartFile } from "../../src/http/files";
import { zohoAction } from "../../src/step";

export const crmUploadRecordPhoto = zohoAction({
  display: {
    label: "Upload Record Photo",
    description:
      "Set the photo of a Lead, Contact, Account, Product, Deal, Vendor or custom-module record (PNG, JPEG, GIF or BMP, up to 10 MB), replacing any photo it has.",
  },
  fields: { recordType: photoModule(recordType), recordId, photo, photoName },
  refine: (schema) => schema.transform((input, ctx) => ({ ...input, name: photoFileName(input.photo, input.photoName, ctx) })),
  perform: async (_context, input, client) => {
    const response = await client.request<{ code: string; message: string; status: string }>({
      api: "crm",
      method: "POST",
      path: `/${input.recordType}/${input.recordId}/photo`,
      data: multipartFile("file", input.photo, input.name),
    });
    const { code, message, status } = response.data;
    return { data: { code, message, status } };
  },
  examplePayload: { data: { code: "SUCCESS", message: "photo uploaded successfully", status: "success" } },
});
