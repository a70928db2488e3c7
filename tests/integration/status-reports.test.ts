/**
 * Status reports end to end through the real adapters (PnPjs against the local SharePoint,
 * graph-client against the local Graph): an owner publishes this period's report (frozen, the
 * initiative's LatestStatus set), a second report for the same period is not written (the
 * period's report is read back), and the secretary's reminder to an owner who has not reported lands in the
 * local server's mail outbox (`/_admin/outbox`), one mail to that owner with the title escaped.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Person } from "../../src/domain/common.js";
import type { StoreError } from "../../src/domain/errors.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import {
  EMPTY_STATUS_REPORT_FORM,
  periodOf,
  reminderRecipients,
  type StatusReportForm,
} from "../../src/domain/status-reports.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import {
  loadStatusPage,
  publishStatusReportFromForm,
  saveStatusReportDraft,
  sendStatusReminders,
  type StatusReportPorts,
} from "../../src/use-cases/status-reports.js";
import { anArea, anInitiative } from "../support/builders.js";
import { recordPath } from "../support/gates.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const clock: Clock = { now: () => new Date("2026-05-12T10:00:00Z") };
const period = periodOf(clock.now(), "quarter");

let sp: ProvisionedSp;
let ownerUpn: string;
let otherUpn: string;
let owner: Person;
let other: Person;
let ownInitiative: Initiative;

function portsFor(upn: string): StatusReportPorts {
  const { repositories, currentUser, people } = sp.adaptersFor(upn);
  return { repositories, currentUser, people, clock };
}

interface OutboxMail {
  subject: string;
  body: { content: string };
  toRecipients: { emailAddress: { address: string } }[];
  ccRecipients?: { emailAddress: { address: string } }[];
  bccRecipients?: { emailAddress: { address: string } }[];
}

async function outbox(method: "GET" | "DELETE"): Promise<OutboxMail[]> {
  const res = await fetch(`${sp.m365.origin}/_admin/outbox`, { method });
  const text = await res.text();
  return text ? (JSON.parse(text) as { value: OutboxMail[] }).value : [];
}

const complete: StatusReportForm = {
  overall: "Gul",
  overallText: "Leverandøren er to uger bagud.",
  scope: { rag: "Grøn", text: "" },
  time: { rag: "Gul", text: "Test af integration flyttet." },
  cost: { rag: "Grøn", text: "" },
  benefits: { rag: "Grøn", text: "" },
};

beforeAll(async () => {
  sp = await startProvisionedSp();
  [ownerUpn = "", otherUpn = ""] = sp.users.contributors;
  const secretary = sp.adaptersFor(sp.users.secretary);
  owner = await secretary.people.ensure(ownerUpn);
  other = await secretary.people.ensure(otherUpn);
  const area = await secretary.repositories.areas.add(
    anArea({ title: "By, Miljø og Beskæftigelse" }),
  );
  const inArea = { id: area.id, title: "" };
  // The owner registered their own initiative (item-level security: authors edit their items).
  ownInitiative = await sp.adaptersFor(ownerUpn).repositories.initiatives.add(
    anInitiative({
      title: "Digital byggesagsbehandling",
      phase: "Gennemførelse",
      owner,
      area: inArea,
    }),
  );
  const skoleintra = await secretary.repositories.initiatives.add(
    anInitiative({
      title: 'Skoleintra <b>"2.0"</b> & Co',
      phase: "Planlægning",
      owner: other,
      area: inArea,
    }),
  );
  // Their phases count because the secretary recorded how they got there.
  await recordPath(secretary.repositories, ownInitiative, "Gennemførelse");
  await recordPath(secretary.repositories, skoleintra, "Planlægning");
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("status reports against the local Microsoft 365", () => {
  test(
    "an owner saves a draft and publishes it: frozen with a snapshot, and the initiative's latest status set",
    async () => {
      const ports = portsFor(ownerUpn);
      const page = await loadStatusPage(ports);
      expect(page.period.key).toBe(period.key);
      expect(page.own.map((o) => o.initiative.title)).toEqual(["Digital byggesagsbehandling"]);
      expect(page.missing).toBeNull();

      const request = {
        initiative: ownInitiative,
        period,
        form: { ...EMPTY_STATUS_REPORT_FORM, overall: "Gul" as const },
        report: null,
      };
      const draft = await saveStatusReportDraft(ports, request);
      if (!draft.ok) throw new Error(`draft refused: ${JSON.stringify(draft.error)}`);
      expect(draft.value).toMatchObject({
        state: "Kladde",
        reportKey: `${ownInitiative.id}:${period.key}`,
      });

      const published = await publishStatusReportFromForm(ports, {
        ...request,
        form: complete,
        report: draft.value,
      });
      if (!published.ok) throw new Error(`publish refused: ${JSON.stringify(published.error)}`);
      expect(published.value.latestStatus).toEqual({ kind: "updated", rag: "Gul" });

      const secretary = sp.adaptersFor(sp.users.secretary).repositories;
      const stored = await secretary.statusReports.get(draft.value.id);
      expect(stored).toMatchObject({
        state: "Publiceret",
        publishedAt: "2026-05-12T10:00:00Z",
        overall: "Gul",
        time: { rag: "Gul", text: "Test af integration flyttet." },
        snapshot: { phase: "Gennemførelse", capturedAt: "2026-05-12T10:00:00.000Z" },
      });
      expect((await secretary.initiatives.get(ownInitiative.id)).latestStatus).toBe("Gul");

      // Frozen: a later save is refused without writing.
      const again = await saveStatusReportDraft(ports, { ...request, report: stored });
      expect(!again.ok && again.error.kind).toBe("published");
      expect((await secretary.statusReports.get(draft.value.id)).version).toBe(stored.version);
    },
    SLOW,
  );

  test(
    "a second report for the same period (another tab) is not written: the period's report is returned",
    async () => {
      const ports = portsFor(ownerUpn);
      const second = await saveStatusReportDraft(ports, {
        initiative: ownInitiative,
        period,
        form: { ...EMPTY_STATUS_REPORT_FORM, overall: "Rød" },
        report: null,
      });
      expect(!second.ok && second.error.kind).toBe("changedElsewhere");
      expect(
        !second.ok && second.error.kind === "changedElsewhere" && second.error.latest.state,
      ).toBe("Publiceret");
      const all = await sp
        .adaptersFor(sp.users.secretary)
        .repositories.statusReports.list({ where: { initiative: ownInitiative.id } });
      expect(all).toHaveLength(1);
    },
    SLOW,
  );

  test(
    "the secretary's reminder to the owner who has not reported lands in the outbox, one mail to that owner",
    async () => {
      await outbox("DELETE");
      const ports = portsFor(sp.users.secretary);
      const page = await loadStatusPage(ports);
      expect(page.missing?.map((m) => [m.initiative.title, m.responsible?.email])).toEqual([
        ['Skoleintra <b>"2.0"</b> & Co', other.email],
      ]);
      const { recipients } = reminderRecipients(page.missing ?? []);
      const mailer = createGraphAdapters({
        baseUrl: sp.m365.graph,
        tokens: devTokenProvider(sp.users.secretary),
      }).mailer;
      const outcome = await sendStatusReminders(
        { mailer },
        {
          recipients,
          period: page.period,
          deadline: "2026-06-16",
          link: "https://digistyr.demokommune.dk/#/portefolje/status",
          senderName: page.me.person.name,
        },
      );
      expect(outcome.failed).toEqual([]);
      expect(outcome.sent.map((r) => r.person.email)).toEqual([other.email]);

      const mails = await outbox("GET");
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.toRecipients.map((r) => r.emailAddress.address)).toEqual([other.email]);
      expect(mail.ccRecipients ?? []).toEqual([]);
      expect(mail.subject).toBe("Påmindelse: statusrapport for 2. kvartal 2026");
      expect(mail.body.content).toContain(
        "<li>Skoleintra &lt;b&gt;&quot;2.0&quot;&lt;/b&gt; &amp; Co</li>",
      );
      expect(mail.body.content).not.toContain("<b>");
      expect(mail.body.content).toContain("Fristen er 16. juni 2026.");
      expect(mail.body.content).toContain(
        'href="https://digistyr.demokommune.dk/#/portefolje/status"',
      );
      expect(mail.body.content).not.toContain("Digital byggesagsbehandling");
    },
    SLOW,
  );

  test(
    "an owner who did not create the initiative publishes; the store refuses them the initiative, which is said, and the report stays published",
    async () => {
      const ports = portsFor(otherUpn);
      const [mine] = (await loadStatusPage(ports)).own;
      if (!mine) throw new Error("the owner should see their initiative");
      const r = await publishStatusReportFromForm(ports, {
        initiative: mine.initiative,
        period,
        form: complete,
        report: null,
      });
      if (!r.ok) throw new Error(`publish refused: ${JSON.stringify(r.error)}`);
      expect(r.value.report.state).toBe("Publiceret");
      // Initiatives have item-level write security: only the author and the managers edit.
      expect(r.value.latestStatus.kind).toBe("failed");
      expect(
        r.value.latestStatus.kind === "failed" && (r.value.latestStatus.error as StoreError).kind,
      ).toBe("Forbidden");
    },
    SLOW,
  );
});
