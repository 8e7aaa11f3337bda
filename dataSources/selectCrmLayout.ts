import { dataSource } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../src/context";
import { connectionInput, recordType } from "../src/inputs";
import { listLayouts } from "../src/metadata";
import { moduleName, parseInputs } from "../src/validate";

export const selectCrmLayout = dataSource({
  display: { label: "Select CRM Layout", description: "Pick one of a CRM module's layouts by name; the value is the layout's id." },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput, recordType },
  perform: async (context, params) => {
    const { recordType: module } = parseInputs(z.object({ recordType: moduleName }), params, { recordType: "Module" });
    const layouts = await listLayouts(clientFor(context, params), module);
    return { result: layouts.map((layout) => ({ key: String(layout.id), label: layout.name })) };
  },
  examplePayload: { result: [{ key: "5725767000000091055", label: "Standard" }] },
});
