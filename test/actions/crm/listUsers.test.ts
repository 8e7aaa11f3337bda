import { crmListUsers } from "../../../actions/crm/listUsers";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

it("lists active users by default, with role and profile", async () => {
  const s = sandbox();
  const before = s.log.length;
  const result = await run(crmListUsers, s, {});
  expectSameShape(result, crmListUsers.examplePayload);
  expect(s.log[before]).toMatchObject({ path: "/crm/v8/users", query: { type: "ActiveUsers", page: "1", per_page: "200" } });
  expect(result.data.data.map((u: any) => u.email)).toEqual(s.state.users.filter((u) => u.status === "active").map((u) => u.email));
  expect(result.data.data[0]).toMatchObject({ full_name: "Patricia Boyle", role: { name: "CEO" }, profile: { name: "Administrator" } });
  expect(result.data.info).toEqual({ count: result.data.data.length, more_records: false });
});

it("pages and filters by type; no match is an empty list", async () => {
  const s = sandbox();
  const second = await run(crmListUsers, s, { page: "2", per_page: "1" });
  expect(second.data.data.map((u: any) => u.id)).toEqual([s.state.users[1].id]);
  expect(second.data.info.more_records).toBe(true);
  expect(await run(crmListUsers, s, { type: "DeactiveUsers" })).toEqual({ data: { data: [], info: { count: 0, more_records: false } } });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmListUsers, s, { type: "Admins" })).rejects.toThrow(/"User Type".*ActiveUsers/);
    await expect(run(crmListUsers, s, { per_page: "201" })).rejects.toThrow(/"Per Page"/);
  });
});

it("retries a 429 and names a missing scope", async () => {
  const s = sandbox();
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 7 } });
  try {
    for (let i = 0; i < 2; i++) expect((await run(crmListUsers, s, {})).data.data.length).toBeGreaterThan(0);
    expect(s.log.some((entry) => entry.path === "/crm/v8/users" && entry.status === 429)).toBe(true);
  } finally {
    s.setOptions({ rateLimit429: 0 });
  }
  await expect(run(crmListUsers, s, {}, connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] }))).rejects.toThrow(/OAUTH_SCOPE_MISMATCH.*ZohoCRM\.users\.ALL/);
});
