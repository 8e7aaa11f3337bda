import { booksGetRecord } from "../../../actions/books/getRecord";
import { booksRemoveRecord } from "../../../actions/books/removeRecord";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const remove = (params: Record<string, unknown>) => run(booksRemoveRecord, sandbox(), params);

it("deletes an estimate and returns Books' message, not its envelope", async () => {
  const [estimate] = seed(sandbox(), "estimates", 1);
  const result = await remove({ recordType: "estimates", recordId: estimate.estimate_id });
  expect(result.data).toEqual({ recordType: "estimates", recordId: estimate.estimate_id, message: "The estimate has been deleted." });
  expectSameShape(result.data, booksRemoveRecord.examplePayload!.data);
  await expect(run(booksGetRecord, sandbox(), { recordType: "estimates", recordId: estimate.estimate_id })).rejects.toThrow(/1002/);
});

it("deletes a task under its project", async () => {
  const [task] = seed(sandbox(), "tasks", 1);
  const from = sandbox().log.length;
  await remove({ recordType: "tasks", parentRecordId: task.project_id, recordId: task.task_id });
  expect(booksCalls(sandbox(), from).at(-1)).toMatchObject({
    method: "DELETE",
    path: `/books/v3/projects/${task.project_id}/tasks/${task.task_id}`,
    status: 200,
  });
});

it("deletes a contact person by its own id", async () => {
  const [person] = seed(sandbox(), "contactpersons", 1);
  const from = sandbox().log.length;
  await remove({ recordType: "contactpersons", parentRecordId: person.contact_id, recordId: person.contact_person_id });
  expect(booksCalls(sandbox(), from).at(-1)!.path).toBe(`/books/v3/contacts/contactpersons/${person.contact_person_id}`);
});

it("rejects bad input before any request, and reports a missing record", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(remove({ recordType: "contacts", recordId: "" })).rejects.toThrow(/Input "Record ID" \(recordId\)/);
    await expect(remove({ recordType: "items", recordId: "1", parentRecordId: "2" })).rejects.toThrow(
      /Input "Parent Record ID" \(parentRecordId\): items is not nested/,
    );
  });
  await expect(remove({ recordType: "items", recordId: "460000000000001" })).rejects.toThrow(/Zoho Books error 1002.*Item does not exist/);
});
