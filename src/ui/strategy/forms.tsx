/**
 * Strategi's add forms: a strategy goal, an action plan, a barrier and a learning-log entry.
 * Each is checked by the domain's rules in the use-case before it is written; the problems are
 * shown at their fields and in a list naming them.
 */
import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Select,
  tokens,
} from "@fluentui/react-components";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Ref } from "../../domain/common.js";
import type { AreaId, Brand, InitiativeId, StrategyGoalId } from "../../domain/ids.js";
import type { StrategyGoalDraft } from "../../domain/portfolio.js";
import type { Problem } from "../../domain/problems.js";
import type { Me } from "../../domain/roles.js";
import type { ActionPlanDraft, BarrierDraft, LearningEntryDraft } from "../../domain/strategy.js";
import type { FieldProblem } from "../../domain/validation.js";
import {
  ACTION_PLAN_STATES,
  BARRIER_KINDS,
  BARRIER_STATES,
  LEARNING_KINDS,
} from "../../domain/vocabulary.js";
import type { SaveResult, StrategyPage } from "../../use-cases/strategy.js";
import { Stack, TextField, useProblemText } from "../components/index.js";
import { DateField, PersonField, ProblemList, problemProps } from "../initiative/inputs.js";
import {
  useSaveActionPlan,
  useSaveBarrier,
  useSaveGoal,
  useSaveLearningEntry,
} from "../queries/strategy.js";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
});

function fieldProblems(problems: readonly Problem[]): FieldProblem[] {
  return problems.map((p) => ({ ...p, field: p.field ?? "" }));
}

/** A form revealed by its add button, closed again after a save. */
function AddForm<D>(props: {
  addLabel: string;
  saveLabel: string;
  initial: () => D;
  save: (draft: D) => Promise<SaveResult<null>>;
  saving: boolean;
  children: (
    draft: D,
    set: (patch: Partial<D>) => void,
    problems: FieldProblem[],
    err: (field: string) => string | undefined,
  ) => ReactNode;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const styles = useStyles();
  const [draft, setDraft] = useState<D | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  if (draft === null) {
    return (
      <div>
        <Button onClick={() => setDraft(props.initial())}>{props.addLabel}</Button>
      </div>
    );
  }
  return (
    <form
      aria-label={props.addLabel}
      onSubmit={(e) => {
        e.preventDefault();
        void props.save(draft).then((result) => {
          if (result.ok) {
            setDraft(null);
            setProblems([]);
          } else setProblems(fieldProblems(result.problems));
        });
      }}
    >
      <Stack gap="m">
        {problems.length > 0 ? (
          <ProblemList title={t("strategy.notSaved")} problems={problems} />
        ) : null}
        <div className={styles.grid}>
          {props.children(
            draft,
            (patch) => setDraft({ ...draft, ...patch }),
            problems,
            (field) => {
              const p = problems.find((x) => x.field === field);
              return p ? text(p) : undefined;
            },
          )}
        </div>
        <Stack direction="row" gap="s">
          <Button appearance="primary" type="submit" disabled={props.saving}>
            {props.saveLabel}
          </Button>
          <Button onClick={() => setDraft(null)}>{t("strategy.cancel")}</Button>
        </Stack>
      </Stack>
    </form>
  );
}

function errorOf(problems: readonly FieldProblem[], field: string) {
  return problemProps(problems, field);
}

function ChoiceField<C extends string>(props: {
  label: string;
  value: C;
  choices: readonly C[];
  words: (c: C) => string;
  onChange: (c: C) => void;
  problems: readonly FieldProblem[];
  field: string;
}) {
  return (
    <Field label={props.label} required {...errorOf(props.problems, props.field)}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as C)}>
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.words(c)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function RefSelect<I extends Brand<number, string>>(props: {
  label: string;
  value: Ref<I> | null;
  options: readonly Ref<I>[];
  onChange: (r: Ref<I> | null) => void;
  problems: readonly FieldProblem[];
  field: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={props.label}
      {...(props.required ? { required: true } : {})}
      {...errorOf(props.problems, props.field)}
    >
      <Select
        value={props.value ? String(props.value.id) : ""}
        onChange={(_, d) => {
          const found = props.options.find((o) => String(o.id) === d.value);
          props.onChange(found ? { id: found.id, title: found.title } : null);
        }}
      >
        <option value="">{t("strategy.none")}</option>
        {props.options.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.title}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Several initiatives picked in a multiselect dropdown. */
export function InitiativesField(props: {
  label: string;
  value: readonly Ref<InitiativeId>[];
  options: readonly Ref<InitiativeId>[];
  onChange: (refs: Ref<InitiativeId>[]) => void;
}) {
  const { t } = useTranslation();
  const selected = props.value.map((r) => String(r.id));
  return (
    <Field label={props.label}>
      <Dropdown
        multiselect
        placeholder={t("strategy.pickInitiatives")}
        value={props.value.map((r) => r.title).join(", ")}
        selectedOptions={selected}
        onOptionSelect={(_, d) =>
          props.onChange(props.options.filter((o) => d.selectedOptions.includes(String(o.id))))
        }
      >
        {props.options.map((o) => (
          <Option key={o.id} value={String(o.id)}>
            {o.title}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

export function GoalForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const save = useSaveGoal();
  return (
    <AddForm<StrategyGoalDraft>
      addLabel={t("strategy.goals.add")}
      saveLabel={t("strategy.goals.save")}
      saving={save.isPending}
      initial={() => ({
        title: "",
        description: "",
        period: "",
        owner: me.person,
        sortOrder: null as number | null,
      })}
      save={(d) => save.mutateAsync(d)}
    >
      {(d, set, problems, err) => (
        <>
          <TextField
            label={t("fields.strategyGoal.title")}
            required
            maxLength={255}
            value={d.title}
            onChange={(title) => set({ title })}
            error={err("title")}
          />
          <TextField
            label={t("fields.strategyGoal.period")}
            maxLength={50}
            value={d.period}
            onChange={(period) => set({ period })}
            error={err("period")}
          />
          <PersonField
            label={t("strategy.owner")}
            value={d.owner}
            onChange={(owner) => set({ owner })}
            problems={problems}
            field="owner"
          />
          <TextField
            label={t("fields.strategyGoal.description")}
            multiline
            value={d.description}
            onChange={(description) => set({ description })}
            error={err("description")}
          />
        </>
      )}
    </AddForm>
  );
}

export function ActionPlanForm({ page, me }: { page: StrategyPage; me: Me }) {
  const { t } = useTranslation();
  const save = useSaveActionPlan();
  const goals = page.goals.map((g) => ({ id: g.id, title: g.title }));
  return (
    <AddForm<ActionPlanDraft>
      addLabel={t("strategy.plans.add")}
      saveLabel={t("strategy.plans.save")}
      saving={save.isPending}
      initial={() => ({
        title: "",
        area: null,
        goal: null,
        initiatives: [],
        period: "",
        state: "Udkast",
        responsible: me.person,
        description: "",
      })}
      save={(d) => save.mutateAsync(d)}
    >
      {(d, set, problems, err) => (
        <>
          <TextField
            label={t("fields.actionPlan.title")}
            required
            maxLength={255}
            value={d.title}
            onChange={(title) => set({ title })}
            error={err("title")}
          />
          <RefSelect<AreaId>
            label={t("fields.actionPlan.area")}
            required
            value={d.area}
            options={page.areas}
            onChange={(area) => set({ area })}
            problems={problems}
            field="area"
          />
          <RefSelect<StrategyGoalId>
            label={t("strategy.goal")}
            value={d.goal}
            options={goals}
            onChange={(goal) => set({ goal })}
            problems={problems}
            field="goal"
          />
          <InitiativesField
            label={t("strategy.initiatives")}
            value={d.initiatives}
            options={page.initiatives}
            onChange={(initiatives) => set({ initiatives })}
          />
          <TextField
            label={t("fields.actionPlan.period")}
            maxLength={50}
            value={d.period}
            onChange={(period) => set({ period })}
            error={err("period")}
          />
          <ChoiceField
            label={t("fields.actionPlan.state")}
            value={d.state}
            choices={ACTION_PLAN_STATES}
            words={(c) => t(`strategy.planStates.${c}`)}
            onChange={(state) => set({ state })}
            problems={problems}
            field="state"
          />
          <PersonField
            label={t("fields.actionPlan.responsible")}
            value={d.responsible}
            onChange={(responsible) => set({ responsible })}
            problems={problems}
            field="responsible"
          />
        </>
      )}
    </AddForm>
  );
}

export function BarrierForm({ page }: { page: StrategyPage }) {
  const { t } = useTranslation();
  const save = useSaveBarrier();
  return (
    <AddForm<BarrierDraft>
      addLabel={t("strategy.barriers.add")}
      saveLabel={t("strategy.barriers.save")}
      saving={save.isPending}
      initial={() => ({
        title: "",
        kind: "Organisation",
        description: "",
        owner: null,
        state: "Identificeret",
        blocks: [],
      })}
      save={(d) => save.mutateAsync(d)}
    >
      {(d, set, problems, err) => (
        <>
          <TextField
            label={t("fields.barrier.title")}
            required
            maxLength={255}
            value={d.title}
            onChange={(title) => set({ title })}
            error={err("title")}
          />
          <ChoiceField
            label={t("fields.barrier.kind")}
            value={d.kind}
            choices={BARRIER_KINDS}
            words={(c) => t(`strategy.barrierKinds.${c}`)}
            onChange={(kind) => set({ kind })}
            problems={problems}
            field="kind"
          />
          <ChoiceField
            label={t("fields.barrier.state")}
            value={d.state}
            choices={BARRIER_STATES}
            words={(c) => t(`strategy.barrierStates.${c}`)}
            onChange={(state) => set({ state })}
            problems={problems}
            field="state"
          />
          <PersonField
            label={t("strategy.owner")}
            value={d.owner}
            onChange={(owner) => set({ owner })}
            problems={problems}
            field="owner"
          />
          <InitiativesField
            label={t("strategy.barriers.blocks")}
            value={d.blocks}
            options={page.initiatives}
            onChange={(blocks) => set({ blocks })}
          />
          <TextField
            label={t("fields.barrier.description")}
            multiline
            value={d.description}
            onChange={(description) => set({ description })}
            error={err("description")}
          />
        </>
      )}
    </AddForm>
  );
}

export function LearningForm({ me, today }: { me: Me; today: string }) {
  const { t } = useTranslation();
  const save = useSaveLearningEntry();
  return (
    <AddForm<LearningEntryDraft>
      addLabel={t("strategy.learning.add")}
      saveLabel={t("strategy.learning.save")}
      saving={save.isPending}
      initial={() => ({
        title: "",
        kind: "Konference",
        eventDate: today,
        attendees: [me.person],
        learnings: "",
        link: "",
      })}
      save={(d) => save.mutateAsync(d)}
    >
      {(d, set, problems, err) => (
        <>
          <TextField
            label={t("fields.learningEntry.title")}
            required
            maxLength={255}
            value={d.title}
            onChange={(title) => set({ title })}
            error={err("title")}
          />
          <ChoiceField
            label={t("fields.learningEntry.kind")}
            value={d.kind}
            choices={LEARNING_KINDS}
            words={(c) => t(`strategy.learningKinds.${c}`)}
            onChange={(kind) => set({ kind })}
            problems={problems}
            field="kind"
          />
          <DateField
            label={t("fields.learningEntry.eventDate")}
            value={d.eventDate}
            onChange={(eventDate) => set({ eventDate: eventDate ?? "" })}
            problems={problems}
            field="eventDate"
          />
          <TextField
            label={t("fields.learningEntry.learnings")}
            multiline
            value={d.learnings}
            onChange={(learnings) => set({ learnings })}
            error={err("learnings")}
          />
          <TextField
            label={t("fields.learningEntry.link")}
            value={d.link}
            onChange={(link) => set({ link })}
            error={err("link")}
          />
        </>
      )}
    </AddForm>
  );
}
