/**
 * Gevinster through the ports: the register with each benefit's model version and checked
 * measurements, the due and overdue measurements per owner, saving a benefit (the secretariat;
 * its owner a known person of the site), recording a measurement (the benefit's owner or the
 * secretary), approving a version of the benefits model, and reminder mails (at most once per
 * owner per due date).
 *
 * Every measurement is checked when read (`checkBenefitMeasurements`): one written by someone
 * who may not measure the benefit, dated before its baseline or in the future clears no
 * follow-up and is not drawn; it is listed as irregular. The initiatives' phases and go-live and
 * close dates are the valid ones (`checkGates`). Bad input is refused with problems naming the
 * field before anything is written.
 */
import {
  type Benefit,
  type BenefitDraft,
  type BenefitMeasurement,
  type BenefitMeasurementDraft,
  type BenefitMeasurementRule,
  checkBenefitMeasurements,
  mayMeasureBenefit,
  validateBenefit,
  validateMeasurementFor,
} from "../domain/benefits.js";
import { MEASUREMENT_EXPORT, REGISTER_EXPORT } from "../domain/benefits-export.js";
import {
  dueByOwner,
  economicByYear,
  initiativeDates,
  type OwnerDue,
  type ReminderPlan,
  remindersToSend,
  type YearFigures,
} from "../domain/benefits-followup.js";
import {
  BENEFIT_MODEL_KEY_PREFIX,
  type BenefitModel,
  checkModels,
  missingByModel,
  type ModelField,
  modelKey,
  modelOf,
  type ModelRule,
  serializeModel,
  validateModel,
} from "../domain/benefits-model.js";
import type { Clock } from "../domain/clock.js";
import { ok, type Person } from "../domain/common.js";
import type { MailMessage } from "../domain/communication.js";
import { isStoreError } from "../domain/errors.js";
import type { BenefitId, DecisionId, InitiativeId } from "../domain/ids.js";
import type { Irregularity } from "../domain/irregularities.js";
import type { Language } from "../domain/language.js";
import { checkGates } from "../domain/portfolio-trust.js";
import { exportFileName } from "../domain/portfolio-view.js";
import { type Problem, problem } from "../domain/problems.js";
import { hasRole, type Me } from "../domain/roles.js";
import type { FieldProblem } from "../domain/validation.js";
import type { Phase } from "../domain/vocabulary.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { SpreadsheetFiles } from "../ports/files.js";
import type { Mailer } from "../ports/mail.js";
import type { Repositories } from "../ports/repositories.js";
import { loadRoster } from "./portfolio-audit.js";

export interface BenefitPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  people: SitePeople;
  clock: Clock;
}

const INITIATIVE_FIELDS = [
  "title",
  "phase",
  "owner",
  "createdBy",
  "modifiedBy",
  "priority",
  "priorityScore",
  "mandatory",
] as const;

/** The key prefix of the reminders already sent (Settings items, one per owner and due date). */
export const REMINDER_KEY_PREFIX = "benefits.reminder.";

export interface BenefitRow {
  benefit: Benefit;
  initiativePhase: Phase | null;
  /** The model version the benefit follows (its own, else the newest approved), or null. */
  modelVersion: number | null;
  /** The fields that version (or, without one, the default) requires and the benefit lacks. */
  missing: ModelField[];
  /** Its valid measurements, oldest first. */
  measurements: BenefitMeasurement[];
  /** Whether the signed-in user may record a measurement of it. */
  mayMeasure: boolean;
}

export interface BenefitsPage {
  me: Me;
  rows: BenefitRow[];
  due: OwnerDue[];
  models: BenefitModel[];
  economic: YearFigures[];
  irregular: Irregularity<BenefitMeasurementRule | ModelRule>[];
  /** Whether the user registers benefits, approves the model and sends reminders (secretariat). */
  mayManage: boolean;
  /** The initiatives a benefit may be registered for: id, title and valid phase. */
  initiatives: { id: InitiativeId; title: string; phase: Phase }[];
}

/** Who registers benefits, approves the model and sends reminders: the secretariat. */
export function managesBenefits(me: Me): boolean {
  return hasRole(me, "secretary");
}

/** The whole register (or one initiative's part of it), checked. */
export async function loadBenefitsPage(
  ports: BenefitPorts,
  options: { initiative?: InitiativeId } = {},
): Promise<BenefitsPage> {
  const r = ports.repositories;
  const now = ports.clock.now();
  const one = options.initiative;
  const [me, roster, stored, benefits, settings] = await Promise.all([
    ports.currentUser.me(),
    loadRoster(ports.people),
    one === undefined
      ? r.initiatives.list({ fields: INITIATIVE_FIELDS })
      : r.initiatives.get(one).then((i) => [i]),
    r.benefits.list(one === undefined ? {} : { where: { initiative: one } }),
    r.settings.list(),
  ]);
  const [changes, measurements] = await Promise.all([
    stored.length > 0
      ? r.phaseChanges.list({ where: { initiative: stored.map((i) => i.id) } })
      : Promise.resolve([]),
    benefits.length > 0
      ? r.benefitMeasurements.list({ where: { benefit: benefits.map((b) => b.id) } })
      : Promise.resolve([]),
  ]);
  const { gates } = checkGates(stored, changes, roster);
  const initiatives = stored.map((i) => ({
    id: i.id,
    title: i.title,
    phase: gates.get(i.id)?.valid.phase ?? i.phase,
  }));
  const validChanges = [...gates.values()].flatMap((g) => g.records);
  const dates = initiativeDates(initiatives, validChanges);
  const models = checkModels(
    settings.filter((s) => s.key.startsWith(BENEFIT_MODEL_KEY_PREFIX)),
    roster,
  );
  const checked = checkBenefitMeasurements(
    measurements,
    new Map(benefits.map((b) => [b.id, b])),
    roster,
    now,
  );
  const byBenefit = new Map<number, BenefitMeasurement[]>();
  for (const m of [...checked.valid].sort(
    (a, b) => Date.parse(a.measuredAt) - Date.parse(b.measuredAt),
  )) {
    if (!m.benefit) continue;
    byBenefit.set(m.benefit.id, [...(byBenefit.get(m.benefit.id) ?? []), m]);
  }
  const rows = benefits
    .map((b): BenefitRow => {
      const model = modelOf(models.versions, b.modelVersion);
      return {
        benefit: b,
        initiativePhase: b.initiative ? (dates.get(b.initiative.id)?.phase ?? null) : null,
        modelVersion: model?.version ?? null,
        missing: missingByModel(b, model),
        measurements: byBenefit.get(b.id) ?? [],
        mayMeasure: mayMeasureBenefit(b, me),
      };
    })
    .sort(
      (a, b) =>
        (a.benefit.initiative?.title ?? "").localeCompare(
          b.benefit.initiative?.title ?? "",
          "da",
        ) || a.benefit.title.localeCompare(b.benefit.title, "da"),
    );
  const due = dueByOwner(
    benefits,
    dates,
    (b) => modelOf(models.versions, b.modelVersion)?.followUps ?? null,
    checked.valid,
    now,
  );
  return {
    me,
    rows,
    due,
    models: models.versions,
    economic: economicByYear(benefits, checked.valid),
    irregular: [...checked.irregular, ...models.irregular],
    mayManage: managesBenefits(me),
    initiatives: initiatives
      .map((i) => ({ id: i.id, title: i.title, phase: i.phase }))
      .sort((a, b) => a.title.localeCompare(b.title, "da")),
  };
}

export type BenefitRefusal =
  | "benefits.problem.notSecretary"
  | "benefits.problem.notOwnerOrSecretary"
  | "benefits.problem.unknownPerson"
  | "benefits.problem.noBenefit"
  | "benefits.problem.noDecision";

/**
 * A use-case's answer: the value, or why not. `error` is the first problem (naming its field
 * where it has one); `problems` all of them, for the form to show at their fields.
 */
export type BenefitOutcome<T> =
  { ok: true; value: T } | { ok: false; error: Problem; problems: readonly Problem[] };

function no(problems: readonly Problem[]): {
  ok: false;
  error: Problem;
  problems: readonly Problem[];
} {
  return { ok: false, error: problems[0]!, problems };
}

function refusal(code: BenefitRefusal, field?: string, params?: Problem["params"]) {
  return no([problem(code, params, field)]);
}

/** The validation problems of a draft, to show at their fields before anything is sent. */
export function benefitProblems(draft: BenefitDraft): FieldProblem[] {
  const v = validateBenefit(draft);
  return v.ok ? [] : v.problems;
}

/**
 * Saves a benefit (new when `existing` is null): the secretariat only; valid; its owner a person
 * the site knows (`SitePeople.ensure`, so a group or a typo is refused naming the field). The
 * stored owner is the site's own record of the person.
 */
export async function saveBenefit(
  ports: BenefitPorts,
  draft: BenefitDraft,
  existing: Pick<Benefit, "id" | "version"> | null,
): Promise<BenefitOutcome<{ id: BenefitId }>> {
  const me = await ports.currentUser.me();
  if (!managesBenefits(me)) return refusal("benefits.problem.notSecretary");
  const problems = benefitProblems(draft);
  if (problems.length > 0) return no(problems);
  let owner: Person | null = null;
  if (draft.owner) {
    try {
      owner = await ports.people.ensure(draft.owner.email);
    } catch (e) {
      if (isStoreError(e, "NotFound") || isStoreError(e, "Invalid")) {
        return refusal("benefits.problem.unknownPerson", "owner", { name: draft.owner.name });
      }
      throw e;
    }
  }
  const toWrite = { ...draft, owner };
  const r = ports.repositories.benefits;
  if (existing) {
    await r.update({ ...toWrite, id: existing.id, version: existing.version });
    return ok({ id: existing.id });
  }
  const added = await r.add(toWrite);
  return ok({ id: added.id });
}

/**
 * Records a measurement of a benefit: its owner or the secretary (the list lets each write only
 * their own items; who counts is decided when read), dated on or after the baseline date and
 * not in the future.
 */
export async function recordMeasurement(
  ports: BenefitPorts,
  draft: BenefitMeasurementDraft,
): Promise<BenefitOutcome<BenefitMeasurement>> {
  const me = await ports.currentUser.me();
  if (!draft.benefit) return refusal("benefits.problem.noBenefit", "benefit");
  let benefit: Benefit;
  try {
    benefit = await ports.repositories.benefits.get(draft.benefit.id);
  } catch (e) {
    if (isStoreError(e, "NotFound")) return refusal("benefits.problem.noBenefit", "benefit");
    throw e;
  }
  if (!mayMeasureBenefit(benefit, me)) return refusal("benefits.problem.notOwnerOrSecretary");
  const v = validateMeasurementFor(draft, benefit, ports.clock.now());
  if (!v.ok) return no(v.problems);
  return ok(await ports.repositories.benefitMeasurements.add(draft));
}

/**
 * Approves the next version of the benefits model by a committee decision (which names its
 * meeting): the secretariat records it; the version must be the next one.
 */
export async function approveModel(
  ports: BenefitPorts,
  draft: Pick<BenefitModel, "requiredFields" | "followUps"> & {
    decision: { id: number; title?: string };
  },
): Promise<BenefitOutcome<BenefitModel>> {
  const me = await ports.currentUser.me();
  if (!managesBenefits(me)) return refusal("benefits.problem.notSecretary");
  const r = ports.repositories;
  const [roster, settings] = await Promise.all([loadRoster(ports.people), r.settings.list()]);
  const latest =
    checkModels(
      settings.filter((s) => s.key.startsWith(BENEFIT_MODEL_KEY_PREFIX)),
      roster,
    ).versions.at(-1)?.version ?? null;
  let decision;
  try {
    decision = await r.decisions.get(draft.decision.id as DecisionId);
  } catch (e) {
    if (isStoreError(e, "NotFound")) return refusal("benefits.problem.noDecision", "decision");
    throw e;
  }
  if (!decision.meeting) return refusal("benefits.problem.noDecision", "decision");
  const model: BenefitModel = {
    version: (latest ?? 0) + 1,
    requiredFields: draft.requiredFields,
    followUps: draft.followUps,
    decision: { id: decision.id, title: decision.title },
    meeting: decision.meeting,
    approvedAt: decision.decidedAt,
  };
  const problems = validateModel(model, latest);
  if (problems.length > 0) return no(problems);
  await r.settings.add({
    title: `Gevinstmodel version ${model.version}`,
    key: modelKey(model.version),
    value: serializeModel(model),
    description: decision.title,
  });
  return ok(model);
}

// ---------------------------------------------------------------- reminders

export interface BenefitReminderRequest {
  /** The address of the measurement form of a benefit (an absolute http(s) deep link). */
  linkTo: (benefit: BenefitId) => string;
  /** The mail in the sender's words (subject and HTML; the UI's texts). */
  compose: (plan: ReminderPlan, linkTo: (benefit: BenefitId) => string) => MailMessage;
}

export interface BenefitReminderOutcome {
  sent: Person[];
  /** Owners already reminded of every due date they have (nothing sent again). */
  alreadyReminded: number;
  failed: { owner: Person; error: unknown }[];
}

/**
 * Mails every benefit owner with a due or overdue measurement not yet reminded of, one mail per
 * owner. What was sent is recorded (a Settings item per owner and due date, written before the
 * mail is sent and removed again if Graph refuses it), so a retry, or a second secretary
 * pressing the button at the same time, sends nothing twice.
 */
export async function sendBenefitReminders(
  ports: BenefitPorts & { mailer: Mailer },
  request: BenefitReminderRequest,
): Promise<BenefitOutcome<BenefitReminderOutcome>> {
  const me = await ports.currentUser.me();
  if (!managesBenefits(me)) return refusal("benefits.problem.notSecretary");
  const page = await loadBenefitsPage(ports);
  const settings = ports.repositories.settings;
  const sentKeys = new Set(
    (await settings.list()).filter((s) => s.key.startsWith(REMINDER_KEY_PREFIX)).map((s) => s.key),
  );
  const plans = remindersToSend(page.due, sentKeys);
  const withDue = page.due.filter((g) => g.owner !== null && g.items.length > 0).length;
  const outcome: BenefitReminderOutcome = {
    sent: [],
    alreadyReminded: withDue - plans.length,
    failed: [],
  };
  for (const plan of plans) {
    const claims = await settings.addMany(
      plan.keys.map((key) => ({
        title: `Påmindelse om gevinstmåling: ${plan.owner.name}`,
        key,
        value: ports.clock.now().toISOString(),
        description: "",
      })),
    );
    const claimed = claims.flatMap((c) => (c.ok ? [c.value] : []));
    if (claimed.length === 0) {
      // Another sender claimed them first (the keys are unique): they are being sent.
      outcome.alreadyReminded += 1;
      continue;
    }
    try {
      await ports.mailer.send(request.compose(plan, request.linkTo));
      outcome.sent.push(plan.owner);
    } catch (error) {
      await settings.removeMany(claimed.map((c) => ({ id: c.id, version: c.version })));
      outcome.failed.push({ owner: plan.owner, error });
    }
  }
  return ok(outcome);
}

// ---------------------------------------------------------------- export

/**
 * The register (one row per benefit, with its model version) or the counted measurements (one
 * row per measurement) as a workbook, and the file's name.
 */
export async function exportBenefits(
  files: SpreadsheetFiles,
  clock: Clock,
  what: "register" | "measurements",
  rows: readonly BenefitRow[],
  language: Language,
): Promise<{ buffer: ArrayBuffer; file: string; count: number }> {
  const day = exportFileName(clock).replace(/^[^0-9]*/, "");
  if (what === "register") {
    const data = rows.map((r) => ({ benefit: r.benefit, modelVersion: r.modelVersion }));
    const buffer = await files.writeWorkbook(data, REGISTER_EXPORT, language, {
      sheetName: language === "da" ? "Gevinster" : "Benefits",
    });
    return {
      buffer,
      file: `${language === "da" ? "gevinster" : "benefits"}-${day}`,
      count: data.length,
    };
  }
  const data = rows.flatMap((r) =>
    r.measurements.map((m) => ({ benefit: r.benefit, measurement: m })),
  );
  const buffer = await files.writeWorkbook(data, MEASUREMENT_EXPORT, language, {
    sheetName: language === "da" ? "Målinger" : "Measurements",
  });
  return {
    buffer,
    file: `${language === "da" ? "gevinstmaalinger" : "benefit-measurements"}-${day}`,
    count: data.length,
  };
}
