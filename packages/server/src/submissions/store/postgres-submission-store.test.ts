import { afterAll, beforeAll } from "vitest";
import { describeSubmissionStore } from "../../testing/submission-store-suite.js";
import { startTestPostgres, type TestPostgres } from "../../testing/test-postgres.js";
import { PostgresSubmissionStore } from "./postgres-submission-store.js";

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(() => postgres?.stop());

describeSubmissionStore("PostgreSQL", async () => {
  const url = await postgres.createDatabase();
  return () => PostgresSubmissionStore.open(url);
});
