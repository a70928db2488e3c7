/**
 * Gevinster through the ports with in-memory repositories: the register with model versions,
 * saving a benefit (the secretariat, a known owner, nothing half-written), measurements by the
 * owner or the secretary only, due follow-ups from the valid phase dates, the model approved by
 * a decision of a meeting, and reminders sent at most once per owner per due date.
 */
import type { Person } from "../../src/domain/common.js";
import type { MailMessage } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import type { BenefitId, InitiativeId } from "../../src/domain/ids.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import type { Me } from "../../src/domain/roles.js";
import type { SitePeople } from "../../src/ports/current-user.js";
import {
  approveModel,
  type BenefitPorts,
  loadBenefitsPage,
  recordMeasurement,
  saveBenefit,
  sendBenefitReminders,
} from "../../src/use-cases/benefits.js";
import { aBenefit, aBenefitMeasurement, anInitiative, aRef } from "../support/builders.js";
import { aModel, aModelSetting } from "../support/builders-benefits.js";
import {
  aClock,
  aRecordedPath,
  me,
  member,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { sitePeopleOf } from "../support/site-people.js";

const NOW = "2026-09-15T10:00:00Z";

function setUp() {
  let who: Me = me(secretary, "secretary");
  const { memory, repositories } = memoryRepositories(() => who.person);
  const known = [secretary, member, owner];
  const people: SitePeople = {
    ...sitePeopleOf(me(secretary, "secretary"), me(member, "member"), me(owner, "contributor")),
    ensure: (upn) => {
      const p = known.find((k) => k.email === upn);
      return p ? Promise.resolve(p) : Promise.reject(new StoreError("NotFound", upn));
    },
  };
  const mails: MailMessage[] = [];
  let failMail = false;
  const ports: BenefitPorts & { mailer: { send(m: MailMessage): Promise<void> } } = {
    repositories,
    currentUser: { me: () => Promise.resolve(who) },
    people,
    clock: aClock(NOW),
    mailer: {
      send: (m) => {
        if (failMail) return Promise.reject(new StoreError("Unavailable", "Graph"));
        mails.push(m);
        return Promise.resolve();
      },
    },
  };
  const [drift] = memory.initiatives.seed({
    ...anInitiative({ title: "Fakturarobot", phase: "I drift" }),
  }) as [Initiative];
  // The path into I drift is dated 1-6 Jan 2026 (go-live 6 Jan).
  memory.phaseChanges.seed(...aRecordedPath(drift, "I drift"));
  const [benefit] = memory.benefits.seed({
    ...aBenefit({
      title: "Færre rykkergebyrer",
      initiative: aRef<InitiativeId>(drift.id, drift.title),
      direction: "Højere er bedre",
      baseline: 0,
      baselineDate: "2026-01-01T00:00:00Z",
      targetPessimistic: 50,
      targetExpected: 80,
      targetOptimistic: 100,
      owner: member,
      state: "Under realisering",
    }),
    createdBy: secretary,
    modifiedBy: secretary,
  });
  return {
    memory,
    ports,
    mails,
    drift,
    benefit: benefit!,
    as: (m: Me) => (who = m),
    failMail: (v: boolean) => (failMail = v),
  };
}

const compose = (
  plan: { owner: Person; items: { benefit: { id: BenefitId } }[] },
  linkTo: (b: BenefitId) => string,
) => ({
  to: [plan.owner.email],
  subject: "Gevinstmåling",
  html: plan.items.map((i) => linkTo(i.benefit.id)).join(" "),
});
const linkTo = (id: BenefitId) => `https://tab.example/#/gevinster/${id}`;

describe("the register", () => {
  test("shows each benefit with the model version it follows and what the model asks of it", async () => {
    const s = setUp();
    s.memory.settings.seed({
      ...aModelSetting(aModel({ version: 1 })),
      createdBy: secretary,
      modifiedBy: secretary,
    });
    const page = await loadBenefitsPage(s.ports);
    expect(
      page.rows.map((r) => [r.benefit.title, r.modelVersion, r.missing, r.initiativePhase]),
    ).toEqual([["Færre rykkergebyrer", 1, [], "I drift"]]);
    expect(page.mayManage).toBe(true);
  });

  test("the model's follow-ups fall due from the valid go-live date: at go-live and six months after", async () => {
    const s = setUp();
    const page = await loadBenefitsPage(s.ports);
    expect(page.due.map((g) => [g.owner?.name, g.items.map((i) => [i.due, i.overdue])])).toEqual([
      [
        member.name,
        [
          ["2026-01-06", true],
          ["2026-07-06", true],
        ],
      ],
    ]);
  });
});

describe("saving a benefit", () => {
  test("the secretary registers one for an initiative", async () => {
    const s = setUp();
    const saved = await saveBenefit(
      s.ports,
      aBenefit({
        title: "Ny gevinst",
        initiative: aRef(s.drift.id),
        owner,
        direction: "Lavere er bedre",
      }),
      null,
    );
    expect(saved.ok).toBe(true);
    expect((await s.memory.benefits.list()).map((b) => b.title)).toContain("Ny gevinst");
  });

  it.each([
    [
      "a target on the wrong side of the baseline",
      { direction: "Højere er bedre" as const },
      "validation.benefit.targetWrongSide",
      "targetPessimistic",
    ],
    [
      "an owner the site does not know",
      { owner: { ...owner, email: "ukendt@x.dk", name: "Ukendt" } },
      "benefits.problem.unknownPerson",
      "owner",
    ],
  ])("refuses %s naming the field, and writes nothing", async (_name, o, code, field) => {
    const s = setUp();
    const before = (await s.memory.benefits.list()).length;
    const saved = await saveBenefit(s.ports, aBenefit({ owner, ...o }), null);
    expect(saved.ok ? null : [saved.error.code, saved.error.field]).toEqual([code, field]);
    expect(await s.memory.benefits.list()).toHaveLength(before);
  });

  test("a member may not register benefits", async () => {
    const s = setUp();
    s.as(me(member, "member"));
    const saved = await saveBenefit(s.ports, aBenefit(), null);
    expect(saved.ok ? null : saved.error.code).toBe("benefits.problem.notSecretary");
  });
});

describe("recording a measurement", () => {
  test("the owner records one, and it clears the follow-up it meets", async () => {
    const s = setUp();
    s.as(me(member, "member"));
    const r = await recordMeasurement(
      s.ports,
      aBenefitMeasurement({
        benefit: aRef(s.benefit.id),
        measuredAt: "2026-07-10T00:00:00Z",
        value: 40,
      }),
    );
    expect(r.ok).toBe(true);
    const page = await loadBenefitsPage(s.ports);
    expect(page.rows[0]?.measurements.map((m) => m.value)).toEqual([40]);
    expect(page.due[0]?.items.map((i) => i.due)).toEqual(["2026-01-06"]);
  });

  it.each([
    [
      "someone who is not the owner",
      me(owner, "contributor"),
      "2026-07-10T00:00:00Z",
      "benefits.problem.notOwnerOrSecretary",
      undefined,
    ],
    [
      "a date before the baseline",
      me(member, "member"),
      "2025-12-01T00:00:00Z",
      "validation.benefitMeasurement.beforeBaseline",
      "measuredAt",
    ],
  ])("refuses %s, and writes nothing", async (_name, who, measuredAt, code, field) => {
    const s = setUp();
    s.as(who);
    const r = await recordMeasurement(
      s.ports,
      aBenefitMeasurement({ benefit: aRef(s.benefit.id), measuredAt }),
    );
    expect(r.ok ? null : [r.error.code, r.error.field]).toEqual([code, field]);
    expect(await s.memory.benefitMeasurements.list()).toHaveLength(0);
  });

  test("a measurement written past the use-case by someone not allowed clears nothing and is irregular", async () => {
    const s = setUp();
    s.memory.benefitMeasurements.seed({
      ...aBenefitMeasurement({ benefit: aRef(s.benefit.id), measuredAt: "2026-07-10T00:00:00Z" }),
      createdBy: owner,
      modifiedBy: owner,
    });
    const page = await loadBenefitsPage(s.ports);
    expect(page.irregular.map((i) => [i.rule, i.by?.name])).toEqual([
      ["benefitMeasurement.notPermitted", owner.name],
    ]);
    expect(page.due[0]?.items).toHaveLength(2);
  });
});

describe("the benefits model", () => {
  test("the secretary records the next version, approved by a decision of a meeting", async () => {
    const s = setUp();
    const [decision] = s.memory.decisions.seed({
      title: "Gevinstmodellen godkendes",
      meeting: aRef(4, "Møde 10. marts"),
      agendaItem: null,
      initiative: null,
      text: "Godkendt.",
      carriedTo: [],
      decidedAt: "2026-03-10T10:00:00Z",
    });
    const r = await approveModel(s.ports, {
      requiredFields: ["indicator", "owner"],
      followUps: [{ anchor: "close", months: 12 }],
      decision: { id: decision!.id, title: decision!.title },
    });
    expect(r.ok ? [r.value.version, r.value.meeting.title] : r.error.code).toEqual([
      1,
      "Møde 10. marts",
    ]);
    const page = await loadBenefitsPage(s.ports);
    expect(page.models.map((m) => m.version)).toEqual([1]);
  });

  test("without a decision nothing is recorded", async () => {
    const s = setUp();
    const r = await approveModel(s.ports, {
      requiredFields: [],
      followUps: [{ anchor: "close", months: 12 }],
      decision: { id: 999, title: "?" },
    });
    expect(r.ok ? null : [r.error.code, r.error.field]).toEqual([
      "benefits.problem.noDecision",
      "decision",
    ]);
    expect(await s.memory.settings.list()).toHaveLength(0);
  });
});

describe("reminders", () => {
  test("one mail per owner with a deep link; a retry sends nothing again", async () => {
    const s = setUp();
    const first = await sendBenefitReminders(s.ports, { linkTo, compose });
    expect(first.ok ? first.value.sent.map((p) => p.name) : first.error.code).toEqual([
      member.name,
    ]);
    expect(s.mails.map((m) => [m.to, m.html])).toEqual([
      [[member.email], `${linkTo(s.benefit.id)} ${linkTo(s.benefit.id)}`],
    ]);
    const again = await sendBenefitReminders(s.ports, { linkTo, compose });
    expect(again.ok ? [again.value.sent.length, again.value.alreadyReminded] : null).toEqual([
      0, 1,
    ]);
    expect(s.mails).toHaveLength(1);
  });

  test("a mail Graph refuses is not recorded as sent, so the next try sends it", async () => {
    const s = setUp();
    s.failMail(true);
    const failed = await sendBenefitReminders(s.ports, { linkTo, compose });
    expect(failed.ok ? failed.value.failed.map((f) => f.owner.name) : null).toEqual([member.name]);
    s.failMail(false);
    const retry = await sendBenefitReminders(s.ports, { linkTo, compose });
    expect(retry.ok ? retry.value.sent.map((p) => p.name) : null).toEqual([member.name]);
  });

  test("only the secretariat sends reminders", async () => {
    const s = setUp();
    s.as(me(member, "member"));
    const r = await sendBenefitReminders(s.ports, { linkTo, compose });
    expect(r.ok ? null : r.error.code).toBe("benefits.problem.notSecretary");
    expect(s.mails).toHaveLength(0);
  });
});
