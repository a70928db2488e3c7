/**
 * Finansiering with in-memory repositories: the frames per year and kind, the chart's table, the
 * secretary's change with its history, problems named at their field, the chair reads only,
 * and no serious or critical axe violation.
 */
import { describe, expect, it } from "@jest/globals";
import { configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { Person } from "../../src/domain/common.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import FundingView from "../../src/ui/funding/FundingView.js";
import { formatDkk } from "../../src/ui/i18n/format.js";
import type { AppServices } from "../../src/ui/services.js";
import { aBudgetFrame, aFundingProposal, aSetting } from "../support/builders.js";
import { chair, me, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders, withLayout } from "./support.js";

withLayout({ width: 1600, height: 900 });
configure({ asyncUtilTimeout: 5000 });

function setup(
  who: Me = me(secretary, "secretary"),
  frame?: { year: number; budgetKind: "Anlæg" | "Drift"; amount: number | null },
) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(aSetting({ key: SETTING_KEYS.budgetYears, value: "2026,2027" }));
  memory.budgetFrames.seed(
    aBudgetFrame({ title: "Anlægsramme 2026", year: 2026, kind: "Anlæg", amount: 9_000_000 }),
    aBudgetFrame({
      title: "Driftsramme 2026",
      year: 2026,
      kind: "Drift",
      amount: 3_000_000,
      source: "Driftsbudget",
    }),
  );
  const written: unknown[] = [];
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    documents: {
      writeProposalDocument: (doc: unknown) => {
        written.push(doc);
        return Promise.resolve(new ArrayBuffer(8));
      },
    },
    people: {
      ensure: () => Promise.reject(new Error("not used")),
      groupMembers: (g: string) =>
        Promise.resolve(
          g === "Sekretariat" ? [secretary] : g === "Formand" ? [chair] : ([] as Person[]),
        ),
    },
  } as unknown as AppServices;
  const { container } = renderWithProviders(
    <FundingView {...(frame ? { frame: { kind: "fundingFrame" as const, ...frame } } : {})} />,
    { services },
  );
  return { memory, container, written };
}

const form = () => screen.getByRole("form", { name: "Ret en budgetramme" });

describe("Finansiering", () => {
  it("shows each budget year's frames with what is committed, planned and left", async () => {
    setup();
    const table = await screen.findByRole("table", { name: "Budgetrammer pr. år og art" });
    const row = within(table).getByRole("row", { name: /^2026 Anlæg/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(["2026", "Anlæg", formatDkk(9_000_000, "da")]));
    expect(screen.getByRole("table", { name: "Tallene bag diagrammet" })).toBeTruthy();
  });

  it("opens at the frame the optimizer links to, with the amount filled in, and saves it with the reason in the history", async () => {
    const { memory } = setup(undefined, { year: 2026, budgetKind: "Anlæg", amount: 9_880_000 });
    await screen.findByText(/Beløbet er udfyldt fra optimeringen/);
    const f = form();
    expect(within(f).getByRole<HTMLInputElement>("textbox", { name: /Ny ramme/ }).value).toBe(
      "9880000",
    );
    fireEvent.change(within(f).getByRole("textbox", { name: /Begrundelse/ }), {
      target: { value: "Plads til det igangværende arbejde" },
    });
    fireEvent.click(within(f).getByRole("button", { name: "Gem rammen" }));
    // The amount's space is a no-break space, which the matcher's normaliser turns into a space.
    await screen.findByText(
      `Rammen Anlæg 2026 er nu ${formatDkk(9_880_000, "da").replace(/\s/g, " ")}`,
    );
    expect([...memory.budgetFrames.items.values()].find((x) => x.kind === "Anlæg")?.amount).toBe(
      9_880_000,
    );
    const history = await screen.findByRole("table", { name: "Ændringer af budgetrammerne" });
    await waitFor(() =>
      expect(within(history).getByText("Plads til det igangværende arbejde")).toBeTruthy(),
    );
  });

  it("names the field of each problem and writes nothing: a negative frame, a year outside the budget years", async () => {
    const { memory } = setup();
    await screen.findByRole("form", { name: "Ret en budgetramme" });
    const f = form();
    fireEvent.change(within(f).getByRole("textbox", { name: /Ny ramme/ }), {
      target: { value: "-5" },
    });
    fireEvent.click(within(f).getByRole("button", { name: "Gem rammen" }));
    expect(await within(f).findByText("En budgetramme kan ikke være negativ.")).toBeTruthy();
    expect(within(f).getByText(/er ikke et af budgetårene/)).toBeTruthy();
    expect(within(f).getByText("Skriv en begrundelse for ændringen.")).toBeTruthy();
    expect(memory.budgetFrameChanges.items.size).toBe(0);
  });

  it("lets the chair read the frames but not change them", async () => {
    setup(me(chair, "chair"));
    await screen.findByRole("table", { name: "Budgetrammer pr. år og art" });
    expect(screen.getByText("Kun sekretariatet kan ændre budgetrammerne.")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Ret en budgetramme" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Ret rammen/ })).toBeNull();
  });

  it("lists the financing proposals and exports one as a Word document", async () => {
    const { memory, written } = (() => {
      const r = setup();
      r.memory.fundingProposals.seed(
        aFundingProposal({
          title: "Pulje 2027",
          state: "Indstillet",
          amountsByYear: [{ year: 2026, kind: "Anlæg", amount: 400_000 }],
        }),
      );
      return r;
    })();
    void memory;
    URL.createObjectURL = () => "blob:x";
    URL.revokeObjectURL = () => undefined;
    const table = await screen.findByRole("table", { name: "Finansieringsforslag" });
    const row = await within(table).findByRole("row", { name: /^Pulje 2027/ });
    expect(within(row).getByText("Indstillet")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: "Hent Pulje 2027 som Word-dokument" }));
    await waitFor(() => expect(written).toHaveLength(1));
    expect(written[0]).toMatchObject({
      title: "Pulje 2027",
      amounts: { rows: [["2026", "Anlæg", formatDkk(400_000, "da")]] },
    });
  });

  it("has no serious or critical axe violations", async () => {
    const { container } = setup();
    await screen.findByRole("table", { name: "Budgetrammer pr. år og art" });
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});
