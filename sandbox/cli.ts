/**
 * `npm run sandbox`: the sandbox as a standalone server on $PORT (or a free port), printing its URL,
 * a ready token per line of use, and one line per call. Send Zoho's real host in the Host header
 * (or prefix the path with /eu, /in, ...) to pick a data center.
 */
import { startSandbox } from "./index";

const main = async () => {
  const sandbox = await startSandbox({
    port: process.env.PORT ? Number(process.env.PORT) : 0,
    onExchange: (x) => console.log(`${new Date().toISOString()} ${x.dc} ${x.method} ${x.path} -> ${x.status}`),
  });
  const token = sandbox.issueToken();
  console.log(`Zoho sandbox listening on ${sandbox.url}`);
  console.log(`Try: curl -H 'Authorization: Zoho-oauthtoken ${token.accessToken}' '${sandbox.url}/crm/v8/Leads?fields=Last_Name'`);
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
