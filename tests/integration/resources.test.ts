/**
 * Ressourcer through the real adapters against the local Microsoft 365, where the list
 * permissions decide: the secretary writes allocations (editor level, anyone's); a member may
 * write an allocation (members answer requests as area heads) but one not backed by a request
 * they confirmed as the area's head is irregular and not counted, naming them; a member cannot
 * change the secretary's allocation (own items only) and a contributor cannot write one at all.
 * A request sent by the secretary mails the area head a deep link; the head's confirmation
 * creates allocations that count.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Person, Ref } from "../../src/domain/common.js";
import { isStoreError } from "../../src/domain/errors.js";
import type { AreaId, InitiativeId, ResourceId } from "../../src/domain/ids.js";
import { cellAt } from "../../src/domain/resources-capacity.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import {
  answerResourceRequest,
  loadResourceOverview,
  type RequestPorts,
  saveInitiativeAllocations,
  sendResourceRequest,
} from "../../src/use-cases/resources.js";
import { anAllocation, anArea, anInitiative, aResource } from "../support/builders.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const clock: Clock = { now: () => new Date("2026-03-10T10:00:00Z") };

let sp: ProvisionedSp;
let headUpn: string;
let memberUpn: string;
let head: Person;
let area: Ref<AreaId>;
let initiative: Ref<InitiativeId>;
let tester: Ref<ResourceId>;

function portsFor(upn: string): RequestPorts {
  const { repositories, currentUser, people } = sp.adaptersFor(upn);
  const { mailer } = createGraphAdapters({ baseUrl: sp.m365.graph, tokens: devTokenProvider(upn) });
  return { repositories, currentUser, people, clock, mailer };
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  [headUpn = "", memberUpn = ""] = sp.users.members;
  const secretary = sp.adaptersFor(sp.users.secretary);
  head = await secretary.people.ensure(headUpn);
  const contributor = await secretary.people.ensure(sp.users.contributors[0] ?? "");
  const a = await secretary.repositories.areas.add(anArea({ title: "Skoler & Uddannelse", head }));
  area = { id: a.id, title: a.title };
  const i = await secretary.repositories.initiatives.add(
    anInitiative({ title: "Kørselsgodtgørelse", area, phase: "Planlægning" }),
  );
  initiative = { id: i.id, title: i.title };
  const r = await secretary.repositories.resources.add(
    aResource({
      title: "Sara Nielsen",
      person: contributor,
      competences: ["Test"],
      capacityHoursPerMonth: 40,
    }),
  );
  tester = { id: r.id, title: r.title };
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("who writes allocations", () => {
  test(
    "the secretary saves an initiative's grid; it counts in the heatmap",
    async () => {
      const saved = await saveInitiativeAllocations(
        portsFor(sp.users.secretary),
        initiative,
        [{ competence: "Test", resource: tester, hours: { "2026-03": 30 } }],
        ["2026-03"],
      );
      expect(saved.ok).toBe(true);
      const o = await loadResourceOverview(portsFor(sp.users.secretary), {
        from: "2026-03",
        months: 1,
      });
      expect(cellAt(o.byCompetence, "Test", "2026-03")?.allocated).toBe(30);
      expect(o.irregular).toEqual([]);
    },
    SLOW,
  );

  test(
    "a member's own allocation without a confirmed request is stored but not counted, naming the member",
    async () => {
      const member = sp.adaptersFor(memberUpn).repositories;
      const written = await member.allocations.add(
        anAllocation({
          initiative,
          resource: tester,
          competence: "Test",
          month: "2026-03-01T00:00:00Z",
          hours: 99,
        }),
      );
      const o = await loadResourceOverview(portsFor(sp.users.secretary), {
        from: "2026-03",
        months: 1,
      });
      expect(cellAt(o.byCompetence, "Test", "2026-03")?.allocated).toBe(30);
      expect(o.irregular.map((i) => [i.item, i.rule, i.by?.email.toLowerCase()])).toEqual([
        [written.id, "allocation.notAllowed", memberUpn.toLowerCase()],
      ]);
      await sp
        .adaptersFor(sp.users.secretary)
        .repositories.allocations.remove(written.id, written.version);
    },
    SLOW,
  );

  test(
    "a member cannot change the secretary's allocation, and a contributor cannot write one",
    async () => {
      const [mine] = await sp.adaptersFor(sp.users.secretary).repositories.allocations.list();
      if (!mine) throw new Error("no allocation");
      const member = sp.adaptersFor(memberUpn).repositories;
      const changed = await member.allocations
        .update({ ...mine, hours: 1 })
        .catch((e: unknown) => e);
      expect(isStoreError(changed)).toBe(true);
      const contributor = sp.adaptersFor(sp.users.contributors[0] ?? "").repositories;
      const added = await contributor.allocations
        .add(anAllocation({ initiative, resource: tester }))
        .catch((e: unknown) => e);
      expect(isStoreError(added, "Forbidden")).toBe(true);
    },
    SLOW,
  );
});

describe("indkald ressourcer", () => {
  test(
    "the head is mailed a deep link; confirming creates allocations that count",
    async () => {
      await fetch(`${sp.m365.origin}/_admin/outbox`, { method: "DELETE" });
      const sent = await sendResourceRequest(
        portsFor(sp.users.secretary),
        {
          title: "Tester til kørsel",
          area,
          initiative,
          competence: "Test",
          hours: 20,
          neededFrom: "2026-05-01T00:00:00Z",
          neededTo: "2026-06-30T00:00:00Z",
          message: "",
        },
        (id) => `http://tab/#/ressourcer#anmodning-${id}`,
      );
      expect(sent.ok && sent.value.mailed).toBe(true);
      const id = sent.ok ? sent.value.request.id : (0 as never);
      const outbox = (await (await fetch(`${sp.m365.origin}/_admin/outbox`)).json()) as {
        value: {
          toRecipients: { emailAddress: { address: string } }[];
          body: { content: string };
        }[];
      };
      expect(
        outbox.value.map((m) => m.toRecipients[0]?.emailAddress.address.toLowerCase()),
      ).toEqual([head.email.toLowerCase()]);
      expect(outbox.value[0]?.body.content).toContain(`#/ressourcer#anmodning-${id}`);

      const notHead = await answerResourceRequest(portsFor(memberUpn), id, {
        kind: "confirm",
        resource: tester,
      });
      expect(notHead.ok ? null : notHead.error[0]?.code).toBe("resources.problem.notAreaHead");

      const answered = await answerResourceRequest(portsFor(headUpn), id, {
        kind: "confirm",
        resource: tester,
      });
      expect(answered.ok).toBe(true);
      const o = await loadResourceOverview(portsFor(sp.users.secretary), {
        from: "2026-05",
        months: 2,
      });
      expect(o.irregular).toEqual([]);
      expect(cellAt(o.byCompetence, "Test", "2026-05")?.allocated).toBe(10);
      expect(o.requests.find((r) => r.id === id)?.state).toBe("Bekræftet");
    },
    SLOW,
  );
});
