import { isProblem, problem, refuse } from "../../src/domain/problems.js";
import { problemText } from "../../src/ui/components/ProblemMessage.js";

describe("problems as codes", () => {
  it("a problem carries its code, and its parameters and field only when given", () => {
    expect(problem("agenda.problem.noPoints")).toEqual({ code: "agenda.problem.noPoints" });
    expect(problem("validation.required", { field: { code: "fields.title" } }, "title")).toEqual({
      code: "validation.required",
      params: { field: { code: "fields.title" } },
      field: "title",
    });
  });

  it("a refusal is a failed result holding the problem", () => {
    expect(refuse("rounds.problem.closed", { round: "Forår" })).toEqual({
      ok: false,
      error: { code: "rounds.problem.closed", params: { round: "Forår" } },
    });
  });

  it("tells problems from errors and other values", () => {
    expect(isProblem(problem("x.problem.y"))).toBe(true);
    expect(isProblem(new Error("x"))).toBe(false);
    expect(isProblem({ kind: "Forbidden" })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });

  it("is worded by its code, with parameters that are codes worded first", () => {
    const words: Record<string, string> = {
      "validation.maxLength": "{{field}} må højst være {{max}} tegn.",
      "fields.title": "Titel",
    };
    const t = (key: string, o?: Record<string, unknown>) =>
      (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(o?.[n]));
    expect(
      problemText(
        t,
        problem("validation.maxLength", { field: { code: "fields.title" }, max: 255 }),
      ),
    ).toBe("Titel må højst være 255 tegn.");
  });
});
