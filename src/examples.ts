/**
 * Example records shared by example payloads. Shapes follow what the sandbox (and Zoho) answer;
 * test/examplePayloads.test.ts checks them against real sandbox answers.
 */
export const exampleUser = { name: "Patricia Boyle", id: "5725767000000411001" };

export const exampleLead = {
  id: "5725767000000524157",
  Last_Name: "Smith",
  First_Name: "Jane",
  Email: "jane.smith@example.com",
  Company: "Acme",
  Lead_Status: "Not Contacted",
  Owner: { ...exampleUser, email: "patricia.boyle@example.com" },
  Created_Time: "2026-11-22T10:15:30+00:00",
  Modified_Time: "2026-11-22T10:15:30+00:00",
  Created_By: exampleUser,
  Modified_By: exampleUser,
};
