/**
 * Loading the portfolio: the progress with counts while pages arrive (a polite live region),
 * the cache (a second visit with the same fields does not fetch again), and the governance
 * summary of the charter's aim.
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import axe from "axe-core";

import type { InitiativeField, InitiativeFieldsQuery } from "../../src/ports/repositories.js";
import { setup, withLayout } from "./portfolio-support.js";

withLayout();

describe("loading the portfolio", () => {
  it("says how many initiatives have been read while the pages arrive", async () => {
    const { memory, show } = setup({
      initiatives: Array.from({ length: 3 }, (_, i) => ({ title: `Tiltag ${i + 1}` })),
    });
    const list = memory.initiatives.list.bind(memory.initiatives);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    memory.initiatives.list = async (query: InitiativeFieldsQuery<InitiativeField>) => {
      if (query.where && "governance" in query.where) return list(query);
      query.onProgress?.({ read: 5000 });
      await held;
      query.onProgress?.({ read: 10000 });
      return list(query);
    };
    show();
    const status = await screen.findByText("Henter tiltag … 5.000 hentet");
    expect(status.closest('[role="status"]')?.getAttribute("aria-live")).toBe("polite");
    expect(screen.getByRole("progressbar", { name: "Henter tiltag …" }).isConnected).toBe(true);
    expect(screen.queryByRole("table")).toBeNull();
    await act(async () => {
      release();
      await held;
    });
    expect((await screen.findByText("3 af 3 tiltag")).isConnected).toBe(true);
    expect(screen.queryByText(/Henter tiltag/)).toBeNull();
  });

  it("shows the governance figures: governed, the committee's share, standalone groups and their lifetime", async () => {
    const { memory, show } = setup({
      initiatives: [
        { title: "A", phase: "Gennemførelse", governance: "Styregruppe" },
        { title: "B", phase: "Planlægning", governance: "Referencegruppe" },
        {
          title: "C",
          phase: "Gennemførelse",
          governance: "Selvstændig styregruppe",
          standaloneGroupFrom: "2025-10-01T00:00:00Z",
        },
        {
          title: "D",
          phase: "I drift",
          governance: "Styregruppe indtil selvstændig styregruppe",
          standaloneGroupFrom: "2025-06-01T00:00:00Z",
          standaloneGroupTo: "2025-08-30T00:00:00Z",
        },
        { title: "E", phase: "Idé" },
      ],
    });
    show();
    const section = await screen.findByRole("region", {
      name: "Styring af tiltag (seneste 12 måneder)",
    });
    const figure = async (term: string) => {
      const dt = await within(section).findByText(term);
      // Intl writes "75 %" with a no-break space.
      return dt.nextElementSibling?.textContent?.replace(/\s/g, " ");
    };
    expect(await figure("Tiltag under styring")).toBe("4");
    expect(await figure("Styret af styregruppen selv (styregruppe eller referencegruppe)")).toBe(
      "3 (75 %)",
    );
    expect(await figure("Med selvstændig styregruppe nu")).toBe("1");
    expect(await figure("Selvstændige styregrupper nedsat")).toBe("2");
    expect(await figure("Selvstændige styregrupper nedlagt")).toBe("1");
    expect(await figure("Gennemsnitlig levetid for nedlagte grupper")).toBe("90 dage");
    // Read narrowly: only governed initiatives (Governance is indexed), only the fields needed
    // (with what the check of the gates reads).
    const query = memory.initiatives.calls
      .map(([, q]) => q as { fields?: string[]; where?: { governance?: string[] } })
      .find((q) => q.where?.governance);
    expect(query?.where?.governance).toHaveLength(4);
    expect(query?.fields).toEqual([
      "title",
      "phase",
      "governance",
      "standaloneGroupFrom",
      "standaloneGroupTo",
      "priority",
      "priorityScore",
      "mandatory",
      "owner",
      "modifiedBy",
    ]);
  });

  it("has no serious or critical axe violations as a table or as a board", async () => {
    const violations = async () => {
      const result = await axe.run(document.body, {
        rules: { "color-contrast": { enabled: false } },
      });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    };
    setup({
      initiatives: [
        { title: "Digital post", phase: "Idé", latestStatus: "Grøn" },
        { title: "Åben data", phase: "Parkeret", mandatory: true },
      ],
    }).show();
    await screen.findByText("2 af 2 tiltag", {}, { timeout: 5000 });
    await screen.findByText("Tiltag under styring");
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole("radio", { name: "Tavle efter fase" }));
    await screen.findByRole("region", { name: "Tavle efter fase" });
    expect(await violations()).toEqual([]);
  });
});
