/**
 * In-memory repositories for UI tests with fake ports: the `Repository` contract of
 * src/ports/repository.ts without a network, checked against the SharePoint repository by one
 * shared suite (tests/support/repository-contract.ts). Drafts are validated by the same domain
 * rules as the SharePoint adapter's (`Invalid` before anything is stored, a batch as a whole),
 * versions are checked (none or `*` is `Invalid`, a stale one a `Conflict`),
 * `where`/`search`/`orderBy`/`limit` are honoured as SharePoint's repository does (empty text is
 * empty for `null`; the same texts searched; Danish order, references by title, empty values
 * last), `list({ fields })` returns whole entities (a superset of the slice, which the port
 * allows). `failNext` makes the next call of a method reject, to show error states. Created and
 * Modified come from `now` (a fixed instant unless a test moves it), Author and Editor from
 * `author`, as the server sets them.
 */
import * as maps from "../../src/adapters/sharepoint/maps.js";
import type { Person, StoredMeta } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import type { Version } from "../../src/domain/ids.js";
import type { Validation } from "../../src/domain/validation.js";
import type { Repositories } from "../../src/ports/repositories.js";
import type {
  ListQuery,
  PartResult,
  Repository,
  Versioned,
  Where,
} from "../../src/ports/repository.js";

type Entity = { id: number; version: Version } & Record<string, unknown>;

const NOW = "2026-03-02T09:00:00Z";

/** Answers a turn later, as a network would (and as React Query expects). */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function scalar(v: unknown): unknown {
  if (v && typeof v === "object" && "id" in v) return v.id;
  return v;
}

/** Empty as SharePoint stores it: no value, no text, no items. */
function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

function matches(entity: Entity, where: Where<unknown> | undefined): boolean {
  if (!where) return true;
  return Object.entries(where as Record<string, unknown>).every(([field, wanted]) => {
    if (wanted === undefined) return true;
    const value = entity[field];
    if (wanted === null) return isEmpty(value);
    const wants = Array.isArray(wanted) ? wanted : [wanted];
    const have = Array.isArray(value) ? value.map(scalar) : [scalar(value)];
    return have.some((h) => wants.includes(h));
  });
}

/** What a property sorts by, as SharePoint's repository sorts: references by title, people by name. */
function sortKey(v: unknown): string | number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "object") {
    const o = v as { title?: unknown; name?: unknown };
    if (typeof o.title === "string") return o.title;
    if (typeof o.name === "string") return o.name;
  }
  return null;
}

/** Danish order for text, empty values last whichever the direction, ties left as they are. */
function compareBy(
  order: readonly { field: string; descending?: boolean }[],
): (a: Entity, b: Entity) => number {
  return (a, b) => {
    for (const { field, descending } of order) {
      const x = sortKey(a[field]);
      const y = sortKey(b[field]);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c =
        typeof x === "number" && typeof y === "number"
          ? x - y
          : String(x).localeCompare(String(y), "da");
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  };
}

/** A version as every write must state it: the one read, never none or `*`. */
function assertVersion(version: unknown): void {
  if (typeof version !== "string" || version === "" || version === "*") {
    throw new StoreError("Invalid", "The change lacks the item's version; read it again.");
  }
}

export class MemoryRepository<T extends StoredMeta<I>, I extends number, D> {
  readonly items = new Map<number, Entity>();
  private nextId = 1;
  private failures: { method: string; error: StoreError }[] = [];
  /** Every call, for assertions: `["add", draft]`, `["update", entity]` ... */
  readonly calls: [string, unknown][] = [];
  /** The server's clock for Created and Modified; a test may move it. */
  now: () => string = () => NOW;

  /**
   * `searchIn`: the texts `search` looks in; `validate`: the domain rule a draft must pass (as
   * the SharePoint adapter of the same list checks it), none when not given.
   */
  constructor(
    private readonly author: () => Person | null,
    private readonly searchIn: readonly string[] = ["title"],
    private readonly validate?: (draft: D) => Validation,
  ) {}

  private assertValid(draft: D): void {
    const v = this.validate?.(draft);
    if (!v || v.ok) return;
    throw new StoreError("Invalid", v.problems.map((p) => `${p.code} (${p.field})`).join(", "), {
      field: v.problems[0]?.field,
      problems: v.problems,
    });
  }

  /** Seeds stored entities (as given, version "1" unless set). */
  seed(...entities: Partial<T>[]): T[] {
    return entities.map((e) => {
      const id = (e.id as number | undefined) ?? this.nextId;
      this.nextId = Math.max(this.nextId, id + 1);
      const at = this.now();
      const stored = {
        created: at,
        modified: at,
        createdBy: this.author(),
        modifiedBy: this.author(),
        ...e,
        id,
        version: (e.version ?? "1") as Version,
      } as unknown as Entity;
      this.items.set(id, stored);
      return stored as unknown as T;
    });
  }

  /** The next call of `method` rejects with this error. */
  failNext(method: keyof Repository<T, I, D>, error: StoreError): void {
    this.failures.push({ method, error });
  }

  /** Changes an entity behind the client's back (another user's save): bumps its version. */
  touch(id: number, changes: Partial<T>): T {
    const e = this.items.get(id);
    if (!e) throw new Error(`touch: no item ${id}`);
    const next = { ...e, ...changes, version: String(Number(e.version) + 1) as Version };
    this.items.set(id, next);
    return next as unknown as T;
  }

  all(): T[] {
    return [...this.items.values()] as unknown as T[];
  }

  private fail(method: string): void {
    const i = this.failures.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      throw f!.error;
    }
  }

  async get(id: I): Promise<T> {
    await tick();
    this.calls.push(["get", id]);
    this.fail("get");
    const e = this.items.get(id);
    if (!e) throw new StoreError("NotFound", `Item ${id} not found`);
    return structuredClone(e) as unknown as T;
  }

  async list(query: ListQuery<D, T> = {}): Promise<T[]> {
    await tick();
    this.calls.push(["list", query]);
    this.fail("list");
    const words = (query.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const text = (e: Entity) =>
      this.searchIn
        .map((p) => e[p])
        .filter((v): v is string => typeof v === "string")
        .join(" ")
        .toLowerCase();
    let out = [...this.items.values()]
      .sort((a, b) => a.id - b.id)
      .filter((e) => matches(e, query.where) && words.every((w) => text(e).includes(w)));
    if (query.orderBy && query.orderBy.length > 0) out.sort(compareBy(query.orderBy));
    if (query.limit !== undefined) out = out.slice(0, query.limit);
    query.onProgress?.({ read: out.length });
    return structuredClone(out) as unknown as T[];
  }

  async add(draft: D): Promise<T> {
    await tick();
    this.calls.push(["add", draft]);
    this.fail("add");
    this.assertValid(draft);
    const [added] = this.seed(draft as unknown as Partial<T>);
    return structuredClone(added!);
  }

  async update(entity: Versioned<D, I>): Promise<Version> {
    await tick();
    this.calls.push(["update", entity]);
    this.fail("update");
    assertVersion(entity.version);
    this.assertValid(entity);
    const e = this.items.get(entity.id);
    if (!e) throw new StoreError("NotFound", `Item ${entity.id} not found`);
    if (e.version !== entity.version) {
      throw new StoreError("Conflict", "Someone else changed the item", { status: 412 });
    }
    const version = String(Number(e.version) + 1) as Version;
    this.items.set(entity.id, {
      ...e,
      ...(entity as unknown as Entity),
      version,
      modified: this.now(),
      modifiedBy: this.author(),
    });
    return version;
  }

  async remove(id: I, version: Version): Promise<void> {
    await tick();
    this.calls.push(["remove", id]);
    this.fail("remove");
    assertVersion(version);
    const e = this.items.get(id);
    if (!e) throw new StoreError("NotFound", `Item ${id} not found`);
    if (e.version !== version) throw new StoreError("Conflict", "Someone else changed the item");
    this.items.delete(id);
  }

  private async settle<R>(work: () => Promise<R>): Promise<PartResult<R>> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      if (error instanceof StoreError) return { ok: false, error };
      throw error;
    }
  }

  /** Every draft is validated first: one invalid draft refuses the whole batch. */
  async addMany(drafts: readonly D[]): Promise<PartResult<T>[]> {
    drafts.forEach((d) => this.assertValid(d));
    const out: PartResult<T>[] = [];
    for (const d of drafts) out.push(await this.settle(() => this.add(d)));
    return out;
  }

  async updateMany(entities: readonly Versioned<D, I>[]): Promise<PartResult<Version>[]> {
    entities.forEach((e) => {
      assertVersion(e.version);
      this.assertValid(e);
    });
    const out: PartResult<Version>[] = [];
    for (const e of entities) out.push(await this.settle(() => this.update(e)));
    return out;
  }

  async removeMany(items: readonly { id: I; version: Version }[]): Promise<PartResult<void>[]> {
    items.forEach((i) => assertVersion(i.version));
    const out: PartResult<void>[] = [];
    for (const i of items) out.push(await this.settle(() => this.remove(i.id, i.version)));
    return out;
  }
}

const LISTS = [
  "areas",
  "strategyGoals",
  "initiatives",
  "budgetLines",
  "budgetFrames",
  "budgetFrameChanges",
  "phaseChanges",
  "comments",
  "criteria",
  "comparisons",
  "weightSets",
  "rounds",
  "ballots",
  "scenarios",
  "meetings",
  "minutesApprovals",
  "agendaItems",
  "decisions",
  "actions",
  "resources",
  "allocations",
  "resourceRequests",
  "fundingProposals",
  "benefits",
  "benefitMeasurements",
  "statusReports",
  "actionPlans",
  "barriers",
  "learningLog",
  "settings",
  "personalItems",
  "portfolioReports",
] as const satisfies readonly (keyof Repositories)[];

/**
 * The SharePoint adapter of each list, for the domain rule its drafts must pass and the texts
 * its `search` looks in, so the fakes cannot drift from production. A list without one here is
 * neither validated nor searched beyond its title.
 */
const ADAPTERS: Partial<
  Record<
    (typeof LISTS)[number],
    { validate: (draft: never) => Validation; searchIn?: readonly string[] }
  >
> = {
  areas: maps.areaAdapter,
  strategyGoals: maps.strategyGoalAdapter,
  initiatives: maps.initiativeAdapter,
  budgetLines: maps.budgetLineAdapter,
  budgetFrames: maps.budgetFrameAdapter,
  budgetFrameChanges: maps.budgetFrameChangeAdapter,
  phaseChanges: maps.phaseChangeAdapter,
  comments: maps.commentAdapter,
  criteria: maps.criterionAdapter,
  comparisons: maps.comparisonAdapter,
  weightSets: maps.weightSetAdapter,
  rounds: maps.roundAdapter,
  ballots: maps.ballotAdapter,
  scenarios: maps.scenarioAdapter,
  meetings: maps.meetingAdapter,
  minutesApprovals: maps.minutesApprovalAdapter,
  agendaItems: maps.agendaItemAdapter,
  decisions: maps.decisionAdapter,
  actions: maps.actionAdapter,
  resources: maps.resourceAdapter,
  allocations: maps.allocationAdapter,
  resourceRequests: maps.resourceRequestAdapter,
  fundingProposals: maps.fundingProposalAdapter,
  benefits: maps.benefitAdapter,
  benefitMeasurements: maps.benefitMeasurementAdapter,
  statusReports: maps.statusReportAdapter,
  actionPlans: maps.actionPlanAdapter,
  barriers: maps.barrierAdapter,
  learningLog: maps.learningLogAdapter,
  settings: maps.settingAdapter,
  personalItems: maps.personalItemAdapter,
  portfolioReports: maps.portfolioReportAdapter,
};

/** Every repository in memory; `memory.<list>` gives the fakes for seeding and assertions. */
export type MemoryRepositories = {
  [K in keyof Repositories]: MemoryRepository<
    Awaited<ReturnType<Repositories[K]["get"]>>,
    Parameters<Repositories[K]["get"]>[0] & number,
    Parameters<Repositories[K]["add"]>[0]
  >;
};

/**
 * Fresh in-memory repositories. `author` is who the writes are recorded as (the signed-in
 * user). `repositories` is typed as the port for handing to the UI.
 */
export function memoryRepositories(author: () => Person | null = () => null): {
  memory: MemoryRepositories;
  repositories: Repositories;
} {
  const memory = Object.fromEntries(
    LISTS.map((l) => {
      const adapter = ADAPTERS[l];
      return [
        l,
        new MemoryRepository(
          author,
          ["title", ...(adapter?.searchIn ?? [])],
          adapter?.validate as ((draft: unknown) => Validation) | undefined,
        ),
      ];
    }),
  ) as unknown as MemoryRepositories;
  const repositories = Object.fromEntries(
    LISTS.map((l) => [
      l,
      l === "initiatives"
        ? Object.assign(memory.initiatives, {
            addWithBudget: async (
              draft: Parameters<Repositories["initiatives"]["addWithBudget"]>[0],
              lines: Parameters<Repositories["initiatives"]["addWithBudget"]>[1],
            ) => {
              const initiative = await memory.initiatives.add(draft);
              const budgetLines = await memory.budgetLines.addMany(
                lines.map((line) => ({
                  ...line,
                  initiative: { id: initiative.id, title: initiative.title },
                })),
              );
              return { initiative, budgetLines };
            },
          })
        : memory[l],
    ]),
  ) as unknown as Repositories;
  return { memory, repositories };
}
