import type { ConformancePrograms } from "../conformance-programs.js";
import { programs as python } from "./python.js";

/** PyPy runs the same Python 3 programs as CPython. */
export const programs: ConformancePrograms = python;
