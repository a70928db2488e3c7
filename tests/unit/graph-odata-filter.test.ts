/**
 * The `$filter` slice the local Graph understands
 * (https://learn.microsoft.com/graph/filter-query-parameter).
 */
import {
  compileFilter,
  FilterSyntaxError,
  MAX_FILTER_CLAUSES,
  MAX_FILTER_NESTING,
} from "../../src/emulator/graph/odata-filter.js";

const row = {
  displayName: "Mads Kjær",
  mail: "mads.kjaer@demokommune.onmicrosoft.com",
  start: { dateTime: "2026-03-04T09:00:00.000Z" },
  interval: 3,
  isCancelled: false,
  location: null,
};

describe("compileFilter", () => {
  test.each([
    ["startswith(displayName,'ma')", true],
    ["startswith(displayName,'Jo')", false],
    ["mail eq 'MADS.KJAER@demokommune.onmicrosoft.com'", true],
    ["displayName ne 'Mads Kjær'", false],
    ["start/dateTime ge '2026-03-04T09:00:00'", true],
    ["start/dateTime lt '2026-03-04T09:00:00'", false],
    ["start/dateTime gt '2026-03-04T08:59:59Z'", true],
    ["interval le 3 and interval gt 2", true],
    ["isCancelled eq true or startswith(mail,'mads')", true],
    ["not (isCancelled eq false)", false],
    ["location eq null", true],
    ["displayName eq 'O''Brien'", false],
    ["(interval eq 1 or interval eq 3) and isCancelled eq false", true],
  ])("%s → %s", (expression, expected) => {
    expect(compileFilter(expression)(row)).toBe(expected);
  });

  test.each([
    ["an unterminated string", "displayName eq 'abc"],
    ["an unknown function", "substringof('a',displayName)"],
    ["a dangling operator", "displayName eq"],
    ["trailing tokens", "displayName eq 'a' 'b'"],
  ])("refuses %s", (_name, expression) => {
    expect(() => compileFilter(expression)).toThrow(FilterSyntaxError);
  });

  test.each([
    [
      "parentheses nested past the limit",
      `${"(".repeat(20_000)}interval eq 3${")".repeat(20_000)}`,
    ],
    ["`not` nested past the limit", `${"not ".repeat(20_000)}interval eq 3`],
    [
      "functions nested past the limit",
      `${"startswith(".repeat(20_000)}mail${",'m')".repeat(20_000)}`,
    ],
    ["more and/or clauses than the limit", Array(20_000).fill("interval eq 3").join(" or ")],
  ])("refuses %s as a syntax error, never a stack overflow", (_name, expression) => {
    expect(() => compileFilter(expression)).toThrow(FilterSyntaxError);
  });

  test("a filter at the nesting and clause limits still compiles and matches", () => {
    const nested = `${"(".repeat(MAX_FILTER_NESTING)}interval eq 3${")".repeat(MAX_FILTER_NESTING)}`;
    expect(compileFilter(nested)(row)).toBe(true);
    const chain = [...Array<string>(MAX_FILTER_CLAUSES - 1).fill("interval eq 1"), "interval eq 3"];
    expect(compileFilter(chain.join(" or "))(row)).toBe(true);
  });
});
