import { idOf, type MeetingId } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import {
  decideProposal,
  moveProposal,
  proposalAmounts,
  saveProposal,
} from "../../src/use-cases/funding-proposals.js";
import { savePointMinutes } from "../../src/use-cases/minutes.js";
import {
  aBudgetLine,
  aFundingProposal,
  aMeeting,
  anAgendaItem,
  aRef,
  aSetting,
} from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { accepted } from "../support/outcome.js";

function setup(who: Me = me(secretary, "secretary")) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(aSetting({ key: SETTING_KEYS.budgetYears, value: "2026,2027,2028,2029" }));
  const ports = {
    repositories,
    currentUser: { me: () => Promise.resolve(who) },
    clock: { now: () => new Date("2026-03-10T12:00:00Z") },
  };
  return { memory, repositories, ports };
}

describe("saveProposal", () => {
  it("saves a new proposal as Kladde with the amounts taken from its initiatives' budget lines", async () => {
    const { memory, ports, repositories } = setup();
    memory.budgetLines.seed(
      aBudgetLine({ initiative: aRef(1), year: 2026, kind: "Anlæg", amount: 400_000 }),
      aBudgetLine({ initiative: aRef(1), year: 2027, kind: "Drift", amount: 150_000 }),
    );
    const amounts = await proposalAmounts(repositories, [aRef(1)]);
    const saved = await accepted(
      saveProposal(ports, aFundingProposal({ state: "Godkendt", amountsByYear: amounts })),
    );
    expect(saved.state).toBe("Kladde");
    expect(saved.amountsByYear).toEqual([
      { year: 2026, kind: "Anlæg", amount: 400_000 },
      { year: 2027, kind: "Drift", amount: 150_000 },
    ]);
  });

  it.each([
    { name: "without an initiative", draft: { initiatives: [] }, field: "initiatives" },
    {
      name: "with a year outside the budget years",
      draft: { amountsByYear: [{ year: 2035, amount: 1 }] },
      field: "amountsByYear",
    },
  ])("refuses a proposal $name, naming the field, and writes nothing", async ({ draft, field }) => {
    const { memory, ports } = setup();
    const saved = await saveProposal(ports, aFundingProposal(draft));
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error.field).toBe(field);
    expect(memory.fundingProposals.items.size).toBe(0);
  });

  it("refuses a member", async () => {
    const { ports } = setup(me(member, "member"));
    const saved = await saveProposal(ports, aFundingProposal());
    expect(saved).toEqual({ ok: false, error: { code: "funding.problem.onlyManagersPropose" } });
  });
});

describe("a proposal's state", () => {
  it("is Godkendt only with the decision that settled it", async () => {
    const { ports } = setup(me(chair, "chair"));
    const draft = await accepted(saveProposal(ports, aFundingProposal()));
    const recommended = await accepted(moveProposal(ports, draft, "Indstillet"));
    const refused = await moveProposal(ports, recommended, "Godkendt");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("funding.problem.needDecision");
    const decided = await accepted(moveProposal(ports, recommended, "Godkendt", 12));
    expect([decided.state, decided.decisionId]).toEqual(["Godkendt", 12]);
  });

  it("goes from Kladde to Godkendt through a meeting: the decision on its agenda point moves it", async () => {
    const { memory, ports } = setup();
    const proposal = await accepted(saveProposal(ports, aFundingProposal({ title: "Pulje 2027" })));
    const [meeting] = memory.meetings.seed({
      ...aMeeting({ state: "Dagsorden udsendt", start: "2026-03-10T09:00:00Z" }),
      id: idOf<MeetingId>(1),
    });
    const [item] = memory.agendaItems.seed(
      anAgendaItem({
        title: "Finansiering: Pulje 2027",
        kind: "Beslutning",
        meeting: aRef(1),
        fundingProposal: aRef(proposal.id, proposal.title),
      }),
    );
    const saved = await accepted(
      savePointMinutes(ports, {
        meeting: meeting!,
        item: item!,
        minutesText: "Forslaget blev drøftet.",
        decision: { text: "Styregruppen godkender forslaget.", carriedTo: ["ØU"] },
        existingDecision: null,
        fundingOutcome: "Godkendt",
      }),
    );
    const after = await ports.repositories.fundingProposals.get(proposal.id);
    expect(after.state).toBe("Godkendt");
    expect(after.decisionId).toBe(saved.decision?.id);
    expect(saved.funding?.ok).toBe(true);
  });

  it("is Afvist by a meeting's decision too, and stays so", async () => {
    const { ports } = setup();
    const proposal = await accepted(saveProposal(ports, aFundingProposal()));
    const rejected = await accepted(decideProposal(ports, proposal.id, "Afvist", 4));
    expect(rejected.state).toBe("Afvist");
    const again = await moveProposal(ports, rejected, "Godkendt", 5);
    expect(again.ok).toBe(false);
  });
});
