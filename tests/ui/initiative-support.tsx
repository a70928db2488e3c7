/**
 * The initiative page with fake ports: in-memory repositories seeded with one initiative and
 * its related items, a current user in given roles, a fixed clock.
 */
import { deserialize, serialize } from "node:v8";

import { configure } from "@testing-library/react";

import type { Person } from "../../src/domain/common.js";
import {
  type DecisionId,
  idOf,
  type InitiativeId,
  type MeetingId,
  type PersonId,
} from "../../src/domain/ids.js";
import type { Me, Role } from "../../src/domain/roles.js";
import type { Language } from "../../src/host/locale.js";
import InitiativeView from "../../src/ui/initiative/InitiativeView.js";
import type { AppServices } from "../../src/ui/services.js";
import {
  aBenefit,
  aBudgetLine,
  aDecision,
  aMeeting,
  anAgendaItem,
  anAllocation,
  anInitiative,
  aPerson,
  aPhaseChange,
  aRef,
  aStatusReport,
} from "../support/builders.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { fakeSitePeople } from "../support/site-people.js";
import { renderWithProviders } from "./support.js";

// jest's jsdom environment has no structuredClone, which the in-memory repositories use.
globalThis.structuredClone ??= <T,>(value: T): T => deserialize(serialize(value)) as T;

// The page is large: role queries over it take a while in jsdom on a shared 2-core machine.
configure({ asyncUtilTimeout: 5000 });

export const NOW = new Date("2026-03-02T09:00:00Z");

const person = (id: number, name: string): Person =>
  aPerson({ id: idOf<PersonId>(id), name, email: `${name.split(" ")[0]!.toLowerCase()}@x.dk` });
export const mads = person(3, "Mads Kjær"); // secretary
export const birgitte = person(2, "Birgitte Holm"); // chair
export const jonas = person(4, "Jonas Lind"); // member
export const maja = person(5, "Maja Lundgaard"); // member
export const sara = person(7, "Sara Dahl"); // owner of the initiative
export const thomas = person(11, "Thomas Berg"); // project lead

export function aUser(p: Person, ...roles: Role[]): Me {
  return { person: p, roles };
}

/** The site groups of the page's people (the roster the checks judge authors by). */
export const sitePeople = fakeSitePeople({
  Formand: [birgitte],
  Sekretariat: [mads],
  Medlemmer: [birgitte, jonas, maja],
  Bidragydere: [sara, thomas],
});

/**
 * Fresh memory repositories with initiative 1 "Digital pladsanvisning" in Behovsanalyse and
 * its history, decisions, agenda point, status reports, budget, benefits and allocations, each
 * written by someone allowed to (Sara Dahl handed it in; the secretary wrote its budget and the
 * mandatory flag's record; the project lead its reports). Writes the test makes are recorded
 * as `user().person`.
 */
export function seededRepositories(user: () => Me) {
  const { memory, repositories } = memoryRepositories(() => user().person);
  memory.initiatives.seed(
    {
      ...anInitiative({
        title: "Digital pladsanvisning",
        summary: "Forældre søger pladser digitalt.",
        need: "Pladsanvisningen bruger papirblanketter.\nForældre venter i telefonkø.",
        solution: "",
        source: "KL/KOMBIT",
        area: aRef(1, "Børn og Unge"),
        owner: sara,
        projectLead: thomas,
        phase: "Behovsanalyse",
        mandatory: true,
        legalDeadline: "2026-10-01T00:00:00Z",
        externalRef: "KOMBIT-42",
        resourceNeeds: "En projektleder halv tid i et år.",
        requires: [aRef(2, "Fælles datagrundlag")],
      }),
      id: idOf<InitiativeId>(1),
      createdBy: sara,
      modifiedBy: mads,
    },
    {
      ...anInitiative({ title: "Fælles datagrundlag", phase: "Prioriteret" }),
      id: idOf<InitiativeId>(2),
    },
  );
  memory.phaseChanges.seed({
    ...aPhaseChange({
      title: "Idé → Behovsanalyse",
      initiative: aRef(1, "Digital pladsanvisning"),
      fromPhase: "Idé",
      toPhase: "Behovsanalyse",
      changedAt: "2026-01-15T10:30:00Z",
      reason: "Behovet er beskrevet af området.",
      decision: aRef(5, "Godkendt til analyse"),
    }),
    createdBy: birgitte,
    modifiedBy: birgitte,
  });
  // Its mandatory flag is the secretary's recorded change.
  memory.phaseChanges.seed({
    ...aPhaseChange({
      title: "Lovpligtigt",
      initiative: aRef(1, "Digital pladsanvisning"),
      fromPhase: "Behovsanalyse",
      toPhase: "Behovsanalyse",
      changedAt: "2026-01-20T10:00:00Z",
      gate: "Lovpligtig",
      mandatory: true,
    }),
    created: "2026-03-02T09:00:01Z",
    createdBy: mads,
    modifiedBy: mads,
  });
  memory.meetings.seed({
    ...aMeeting({
      title: "Styregruppemøde januar 2026",
      start: "2026-01-14T08:00:00Z",
      end: "2026-01-14T10:00:00Z",
    }),
    id: idOf<MeetingId>(3),
  });
  memory.decisions.seed(
    {
      ...aDecision({
        title: "Godkendt til analyse",
        initiative: aRef(1),
        meeting: aRef(3, "Styregruppemøde januar 2026"),
        text: "Styregruppen beder om en behovsanalyse.",
        decidedAt: "2026-01-14T09:00:00Z",
      }),
      id: idOf<DecisionId>(5),
    },
    { ...aDecision({ title: "Budget 2027 vedtaget", initiative: null }), id: idOf<DecisionId>(6) },
  );
  memory.agendaItems.seed(
    anAgendaItem({
      title: "Digital pladsanvisning: forslag",
      meeting: aRef(3, "Styregruppemøde januar 2026"),
      initiative: aRef(1),
      kind: "Beslutning",
    }),
  );
  const byLead = { createdBy: thomas, modifiedBy: thomas };
  memory.statusReports.seed(
    {
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q1",
        reportKey: "1:2026-Q1",
        overall: "Gul",
        overallText: "Lidt forsinket.",
        state: "Publiceret",
        publishedAt: "2026-02-20T00:00:00Z",
      }),
      ...byLead,
    },
    {
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q2",
        reportKey: "1:2026-Q2",
        overall: "Grøn",
        state: "Kladde",
      }),
      ...byLead,
    },
  );
  const bySecretary = { createdBy: mads, modifiedBy: mads };
  memory.budgetLines.seed(
    {
      ...aBudgetLine({ initiative: aRef(1), year: 2026, kind: "Anlæg", amount: 400_000 }),
      ...bySecretary,
    },
    {
      ...aBudgetLine({ initiative: aRef(1), year: 2026, kind: "Drift", amount: 50_000 }),
      ...bySecretary,
    },
    {
      ...aBudgetLine({ initiative: aRef(1), year: 2027, kind: "Gevinst", amount: 120_000 }),
      ...bySecretary,
    },
    {
      ...aBudgetLine({ initiative: aRef(2), year: 2026, kind: "Anlæg", amount: 999_999 }),
      ...bySecretary,
    },
  );
  memory.benefits.seed(
    aBenefit({
      title: "Færre telefonopkald",
      initiative: aRef(1),
      isCash: true,
      targetExpected: 250_000,
      owner: jonas,
    }),
    aBenefit({ title: "Tilfredse forældre", initiative: aRef(1), isCash: false, owner: null }),
  );
  memory.allocations.seed(
    anAllocation({
      initiative: aRef(1),
      resource: aRef(1, "Thomas Berg"),
      competence: "Projektledelse",
      month: "2026-04-01T00:00:00Z",
      hours: 40,
    }),
  );
  return { memory, repositories };
}

export function renderInitiative(options: {
  me: Me;
  repositories: AppServices["repositories"];
  id?: number;
  language?: Language;
  people?: Partial<AppServices>;
}) {
  const unused = new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`not faked: ${String(prop)}`);
      },
    },
  );
  const services = {
    currentUser: { me: () => Promise.resolve(options.me) },
    repositories: options.repositories,
    clock: { now: () => NOW },
    people: sitePeople,
    directory: unused,
    calendar: unused,
    channel: unused,
    mailer: unused,
    files: unused,
    ...options.people,
  } as unknown as AppServices;
  return renderWithProviders(<InitiativeView id={options.id ?? 1} />, {
    services,
    language: options.language ?? "da",
  });
}

export function text(el: Element): string {
  return (el.textContent ?? "").replace(/\s+/g, " ");
}
