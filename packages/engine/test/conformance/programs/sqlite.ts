import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "SELECT 'hello';",
    "CREATE TABLE input(line TEXT);",
    ".import '|cat -' input",
    "SELECT line FROM input;",
    "SELECT coalesce(group_concat(value, ' '), '') FROM (SELECT value FROM args ORDER BY i);",
  ].join("\n"),
  exit3: [".exit 3"].join("\n"),
  loop: [
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;",
  ].join("\n"),
};
