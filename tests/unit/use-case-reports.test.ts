/**
 * Rapporter's use-cases with in-memory repositories, a recording mailer, a fake Chefforum
 * channel and a fake workbook writer: the secretary's report is saved as a snapshot, mailed once
 * with its workbook attached and Chefforum told once (again not on a retry, and not twice when
 * the post's id was not recorded); refusals (a member, a bad address, no ongoing initiative, a
 * mail over Graph's limit) write and send nothing; a failed mail leaves the report saved and
 * unsent, and sending it again sends the snapshot as it was saved; members read the history.
 */
import { StoreError } from "../../src/domain/errors.js";
import { chefforumSubject, reportKeyOf } from "../../src/domain/reports.js";
import type { Me } from "../../src/domain/roles.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import {
  loadReportsPage,
  resendReport,
  sendReport,
  XLSX_TYPE,
} from "../../src/use-cases/reports.js";
import { anInitiative } from "../support/builders.js";
import { chair, secretary } from "../support/builders-lifecycle.js";
import { accepted, refusal } from "../support/outcome.js";
import { CHAIR, CHEFFORUM, MEMBER, reportsSetup, SECRETARY } from "../support/reports-fakes.js";

const LINK = "https://tab.example/#/rapporter";

describe("sending the Direktørforum report", () => {
  it("saves the snapshot, mails it once with the workbook attached and tells Chefforum once", async () => {
    const s = await reportsSetup();
    const result = await accepted(sendReport(s.ports, { kind: "Direktørforum", link: LINK }));
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0]!.to).toEqual(["df@kommune.dk"]);
    expect(s.sent[0]!.attachments).toEqual([
      expect.objectContaining({ name: "porteføljeplan-2026-12-08.xlsx", contentType: XLSX_TYPE }),
    ]);
    expect(result.report).toMatchObject({
      kind: "Direktørforum",
      sentAt: "2026-12-08T10:00:00.000Z",
      sentTo: "df@kommune.dk",
    });
    expect(result.chefforum).toEqual({ kind: "posted", messageId: "101" });
    expect(s.channel.posts).toBe(1);
    expect(s.channel.messages[0]!.html).toContain("Tiltag 1");
    expect(s.channel.messages[0]!.html).not.toContain("Tiltag 2");

    const page = await loadReportsPage(s.ports);
    expect(page.reports).toHaveLength(1);
    expect(page.reports[0]!.author).toEqual(secretary);
    expect(page.reports[0]!.header.chefforumMessageId).toBe("101");
    expect(page.reports[0]!.content.kind).toBe("portfolio");
  });

  it("does not tell Chefforum again when the report is sent on", async () => {
    const s = await reportsSetup();
    const first = await accepted(sendReport(s.ports, { kind: "Direktørforum", link: LINK }));
    const again = await accepted(resendReport(s.ports, { id: first.report.id, link: LINK }));
    expect(again.chefforum).toEqual({ kind: "alreadyPosted", messageId: "101" });
    expect(s.channel.posts).toBe(1);
    expect(s.sent).toHaveLength(1);
  });

  it("finds an orientation posted but not recorded instead of posting it twice", async () => {
    const s = await reportsSetup();
    // An earlier attempt posted the orientation and stopped before recording its id.
    const key = reportKeyOf("Direktørforum", "2026-12-08T10:00:00.000Z");
    await s.channel.post(CHEFFORUM, { subject: chefforumSubject(key), html: "<p>…</p>" });
    const result = await accepted(sendReport(s.ports, { kind: "Direktørforum", link: LINK }));
    expect(result.chefforum).toEqual({ kind: "alreadyPosted", messageId: "101" });
    expect(s.channel.posts).toBe(1);
    const page = await loadReportsPage(s.ports);
    expect(page.reports[0]!.header.chefforumMessageId).toBe("101");
  });

  it("retries a failed orientation on the next attempt and posts it once", async () => {
    const s = await reportsSetup();
    s.channel.failNext = new StoreError("Unavailable", "Teams is down");
    const first = await accepted(sendReport(s.ports, { kind: "Direktørforum", link: LINK }));
    expect(first.chefforum.kind).toBe("failed");
    const again = await accepted(resendReport(s.ports, { id: first.report.id, link: LINK }));
    expect(again.chefforum.kind).toBe("posted");
    expect(s.channel.messages).toHaveLength(1);
    expect(s.sent).toHaveLength(1);
  });

  it("keeps a report whose mail failed saved and unsent; sending it again sends the snapshot", async () => {
    const s = await reportsSetup();
    s.failMail(new StoreError("Unavailable", "Graph is down"));
    await expect(sendReport(s.ports, { kind: "Direktørforum", link: LINK })).rejects.toMatchObject({
      kind: "Unavailable",
    });
    const saved = await loadReportsPage(s.ports);
    expect(saved.reports).toHaveLength(1);
    expect(saved.reports[0]!.header.sentAt).toBeNull();
    // The portfolio changes before the retry: the snapshot is sent as it was saved.
    await s.ports.repositories.initiatives.add(anInitiative({ title: "Kommer senere" }));
    const result = await accepted(
      resendReport(s.ports, { id: saved.reports[0]!.header.id, link: LINK }),
    );
    expect(result.report.sentAt).not.toBeNull();
    expect(s.sent).toHaveLength(1);
    const after = await loadReportsPage(s.ports);
    expect(after.reports[0]!.content).toEqual(saved.reports[0]!.content);
  });

  it.each<[string, { address?: string; workbookBytes?: number; phases?: Phase[] }, Me, string]>([
    ["a member", {}, MEMBER, "reports.problem.notPermitted"],
    [
      "an address that is not one",
      { address: "direktørforum" },
      SECRETARY,
      "reports.problem.badAddress",
    ],
    ["no address", { address: "" }, SECRETARY, "reports.problem.noAddress"],
    [
      "no ongoing initiative",
      { phases: ["Idé", "Behovsanalyse"] },
      CHAIR,
      "reports.problem.noOngoing",
    ],
    [
      "a workbook over Graph's limit",
      { workbookBytes: 3_500_000 },
      SECRETARY,
      "reports.problem.attachmentTooLarge",
    ],
  ])("refuses %s, and saves and sends nothing", async (_, options, who, code) => {
    const s = await reportsSetup(options);
    s.as(who);
    const problem = await refusal(sendReport(s.ports, { kind: "Direktørforum", link: LINK }));
    expect(problem.code).toBe(code);
    expect(s.memory.portfolioReports.items.size).toBe(0);
    expect(s.sent).toEqual([]);
    expect(s.channel.posts).toBe(0);
  });
});

describe("the evaluation", () => {
  it("is saved with the committee's sections and mailed like the report, without Chefforum", async () => {
    const s = await reportsSetup();
    s.as(CHAIR);
    const result = await accepted(
      sendReport(s.ports, {
        kind: "Evaluering",
        link: LINK,
        year: 2026,
        sections: [{ heading: "Proces", text: "Vi mødtes fire gange." }],
      }),
    );
    expect(result.chefforum).toEqual({ kind: "notApplicable" });
    expect(s.sent[0]!.subject).toBe("Evaluering af styregruppens år 2026");
    expect(s.sent[0]!.attachments![0]!.name).toBe("evaluering-2026.xlsx");
    const page = await loadReportsPage(s.ports);
    const content = page.reports[0]!.content;
    expect(content.kind === "evaluation" && content.sections).toEqual([
      { heading: "Proces", text: "Vi mødtes fire gange." },
    ]);
    expect(page.reports[0]!.author).toEqual(chair);
  });
});

describe("the page", () => {
  it("lets a member read the reports sent, but not make them", async () => {
    const s = await reportsSetup();
    await accepted(sendReport(s.ports, { kind: "Direktørforum", link: LINK }));
    s.as(MEMBER);
    const page = await loadReportsPage(s.ports);
    expect(page.mayMake).toBe(false);
    expect(page.reports).toHaveLength(1);
    expect(page.irregular).toEqual([]);
  });
});
