import { fileName, storeFile } from "../../src/fields/files";
import { uploadFiles } from "../../src/crm/fileFields";
import { zohoAction } from "../../src/step";

export const crmUploadFile = zohoAction({
  display: {
    label: "Upload File",
    description:
      "Upload a file (up to 20 MB) to Zoho CRM's file store and return its file id, for a file-upload or image-upload field. Create Record and Update Record also take the file itself in such a field and upload it for you.",
  },
  fields: { file: storeFile, fileName },
  perform: async (_context, input, client) => {
    const [id] = await uploadFiles(client, [{ ...input.file, name: input.fileName }]);
    return { data: { id, name: input.fileName, File_Id__s: id } };
  },
  examplePayload: {
    data: { id: "2cceafa194d037b63f2181dd818a8cb5", name: "signed-order.pdf", File_Id__s: "2cceafa194d037b63f2181dd818a8cb5" },
  },
});
