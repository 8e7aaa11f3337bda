/**
 * Calls carrying the token never follow redirects (issue 19, item 8): a redirect is answered with a
 * clear error instead of passing a foreign answer off as Zoho's, and a `//host` raw-request URL is
 * refused with a message before anything is sent. Both "Zoho" and the foreign host are loopback servers.
 */
import { createConnection, invoke } from "@prismatic-io/spectral/dist/testing";
import { crmGetRecords } from "../../actions/crm/getRecords";
import { crmRawRequest } from "../../actions/crm/rawRequest";
import { json, loopback } from "../helpers/loopback";

const connection = createConnection(
  { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0],
  { zohoRegion: "https://accounts.zoho.com" },
  { access_token: "1000.redirect-test-token", api_domain: "https://www.zohoapis.com" },
);

const withServers = async (run: (zoho: Awaited<ReturnType<typeof loopback>>, foreign: Awaited<ReturnType<typeof loopback>>) => Promise<void>) => {
  const foreign = await loopback((_req, res) => json(res, 200, { data: [{ id: "1", Last_Name: "Not from Zoho" }], info: { more_records: false } }));
  const zoho = await loopback((req, res) => {
    res.writeHead(302, { location: `${foreign.url}${req.url}` });
    res.end();
  });
  const previous = process.env.ZOHO_SANDBOX_URL;
  process.env.ZOHO_SANDBOX_URL = zoho.url;
  try {
    await run(zoho, foreign);
  } finally {
    if (previous === undefined) delete process.env.ZOHO_SANDBOX_URL;
    else process.env.ZOHO_SANDBOX_URL = previous;
    await zoho.close();
    await foreign.close();
  }
};

it("a redirect is refused with a message, and the other host sees nothing", async () => {
  await withServers(async (zoho, foreign) => {
    const raw = invoke(crmRawRequest as never, { connection, url: "/org", method: "GET", maxRetries: "3" } as never);
    await expect(raw).rejects.toThrow(
      /with a redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+\. Calls carrying the connection's token never follow redirects/,
    );
    const list = invoke(crmGetRecords as never, { connection, recordType: "Leads", fields: "Last_Name" } as never);
    await expect(list).rejects.toThrow(/REDIRECT|redirect \(HTTP 302\)/);
    expect(zoho.seen).toHaveLength(2); // one try each: a redirect is not retried
    expect(foreign.seen).toHaveLength(0);
  });
});

it("a //host raw-request URL is refused by name before anything is sent", async () => {
  await withServers(async (zoho) => {
    await expect(invoke(crmRawRequest as never, { connection, url: "//evil.example.com/steal", method: "GET" } as never)).rejects.toThrow(
      /URL "\/\/evil\.example\.com\/steal" is not a path: start it with a single "\/"/,
    );
    await expect(invoke(crmRawRequest as never, { connection, url: "ftp://www.zohoapis.com/crm/v8/org", method: "GET" } as never)).rejects.toThrow(
      /is not a path/,
    );
    expect(zoho.seen).toHaveLength(0);
  });
});
