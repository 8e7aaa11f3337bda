/** What the line-item actions return: the update's details and the record's rows afterwards. */
import type { LineItemsResult } from "./lineItems";

const by = { name: "Patricia Boyle", id: "5725767000000411001", email: "patriciaboyle@zylker.com" };

export const exampleLineItems: LineItemsResult = {
  record: { Modified_Time: "2026-11-22T10:15:30+00:00", Modified_By: by, Created_Time: "2026-11-20T09:00:00+00:00", id: "5725767000000612000", Created_By: by },
  lineItems: [
    {
      id: "5725767000000612001",
      Product_Name: { name: "Laptop 14", id: "5725767000000500001" },
      Quantity: 2,
      List_Price: 120,
      Discount: 10,
      Tax: 0,
      Total: 240,
      Net_Total: 230,
      Sequence_Number: 1,
    },
  ],
};
