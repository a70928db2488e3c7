/**
 * The secretary plans meetings: a quarterly series (the nth weekday of a month of each quarter),
 * a start date repeated every n months, or single dates; with start time, duration, place and
 * kind. The preview shows every meeting that would be created, with what blocks it, before
 * anything is written. Creating makes the list items and the Teams meetings; a meeting Graph
 * failed to create is named and can be completed from the plan.
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useMemo, useReducer } from "react";

import { DURATION_MAX, DURATION_MIN, previewPlan } from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import { MEETING_KINDS, type MeetingKind } from "../../../domain/vocabulary.js";
import { useCreatePlan } from "../../queries/meetings.js";
import { useServices } from "../../services.js";
import { MutationProblem } from "../MutationProblem.js";
import {
  initialPlanForm,
  planFormReducer,
  planFormValue,
  type PlanMode,
  type PlanTextField,
} from "./form-state.js";
import { useMeetingFormat } from "./useMeetingPlan.js";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "48rem",
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  dateRow: { display: "flex", alignItems: "end", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function PlanForm(props: { year: number; existing: Meeting[] }) {
  const styles = useStyles();
  const { t, shortDate, timeRange } = useMeetingFormat();
  const { clock } = useServices();
  const create = useCreatePlan();
  const [state, dispatch] = useReducer(planFormReducer, props.year, initialPlanForm);
  const { mode, firstDate, dates, justCreated } = state;
  const text = (field: PlanTextField) => ({
    value: state[field],
    onChange: (_: unknown, d: { value: string }) =>
      dispatch({ type: "text", field, value: d.value }),
  });
  const form = useMemo(() => planFormValue(state), [state]);
  const preview = useMemo(
    () => previewPlan(form, props.existing, clock.now()),
    [form, props.existing, clock],
  );
  const formProblem = (p: string) => preview.formProblems.includes(p as never);
  const outcome = create.data;
  const result = outcome?.ok ? outcome.value : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!preview.canCreate || create.isPending) return;
    create.mutate(form, {
      onSuccess: (r) => {
        if (r.ok) dispatch({ type: "created" });
      },
    });
  };

  const inCalendar = result?.created.filter((o) => o.calendarError === null).length ?? 0;
  const notInCalendar = result?.created.filter((o) => o.calendarError !== null) ?? [];

  return (
    <section aria-labelledby="plan-form-title">
      <h2 id="plan-form-title">{t("meetings.planForm.title")}</h2>
      <form className={styles.form} noValidate onSubmit={submit}>
        <Field label={t("meetings.planForm.mode")}>
          <RadioGroup
            value={mode}
            onChange={(_, d) => dispatch({ type: "mode", mode: d.value as PlanMode })}
          >
            <Radio value="quarterly" label={t("meetings.planForm.modes.quarterly")} />
            <Radio value="interval" label={t("meetings.planForm.modes.interval")} />
            <Radio value="dates" label={t("meetings.planForm.modes.dates")} />
          </RadioGroup>
        </Field>

        {mode === "quarterly" ? (
          <div className={styles.row}>
            <Field label={t("meetings.planForm.year")}>
              <Input type="number" min={2000} max={2100} {...text("year")} />
            </Field>
            <Field label={t("meetings.planForm.nth")}>
              <Select {...text("nth")}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {t(`meetings.planForm.nthValues.${n}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("meetings.planForm.weekday")}>
              <Select {...text("weekday")}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`meetings.weekdays.${d}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("meetings.planForm.monthInQuarter")}>
              <Select {...text("monthInQuarter")}>
                {[0, 1, 2].map((m) => (
                  <option key={m} value={m}>
                    {t(`meetings.planForm.monthInQuarterValues.${m}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        ) : mode === "interval" ? (
          <div className={styles.row}>
            <Field
              label={t("meetings.planForm.firstDate")}
              validationMessage={
                formProblem("pattern") && firstDate !== ""
                  ? t("meetings.planForm.problems.pattern")
                  : undefined
              }
            >
              <Input type="date" {...text("firstDate")} />
            </Field>
            <Field label={t("meetings.planForm.everyMonths")}>
              <Input type="number" min={1} max={12} {...text("everyMonths")} />
            </Field>
            <Field
              label={t("meetings.planForm.count")}
              validationMessage={
                formProblem("tooMany") ? t("meetings.planForm.problems.tooMany") : undefined
              }
            >
              <Input type="number" min={1} {...text("count")} />
            </Field>
          </div>
        ) : (
          <fieldset>
            <legend>{t("meetings.planForm.dates")}</legend>
            {dates.map((d, i) => (
              <div key={i} className={styles.dateRow}>
                <Field label={t("meetings.planForm.dateN", { n: i + 1 })}>
                  <Input
                    type="date"
                    value={d}
                    onChange={(_, v) => dispatch({ type: "date", index: i, value: v.value })}
                  />
                </Field>
                {dates.length > 1 ? (
                  <Button
                    onClick={() => dispatch({ type: "removeDate", index: i })}
                    aria-label={t("meetings.planForm.removeDate", { n: i + 1 })}
                  >
                    {t("meetings.planForm.remove")}
                  </Button>
                ) : null}
              </div>
            ))}
            <Button onClick={() => dispatch({ type: "addDate" })}>
              {t("meetings.planForm.addDate")}
            </Button>
          </fieldset>
        )}

        <div className={styles.row}>
          <Field
            label={t("meetings.planForm.startTime")}
            validationMessage={
              formProblem("startTime") ? t("meetings.planForm.problems.startTime") : undefined
            }
          >
            <Input type="time" {...text("startTime")} />
          </Field>
          <Field
            label={t("meetings.planForm.duration")}
            validationMessage={
              formProblem("duration")
                ? t("meetings.planForm.problems.duration", { min: DURATION_MIN, max: DURATION_MAX })
                : undefined
            }
          >
            <Input
              type="number"
              min={DURATION_MIN}
              max={DURATION_MAX}
              step={15}
              {...text("duration")}
            />
          </Field>
          <Field label={t("meetings.planForm.kind")}>
            <Select
              value={state.kind}
              onChange={(_, d) => dispatch({ type: "kind", kind: d.value as MeetingKind })}
            >
              {MEETING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`meetings.kinds.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field
          label={t("meetings.planForm.location")}
          validationMessage={
            formProblem("location") ? t("meetings.planForm.problems.location") : undefined
          }
        >
          <Input maxLength={255} {...text("location")} />
        </Field>

        <section aria-labelledby="plan-preview-title">
          <h3 id="plan-preview-title">{t("meetings.planForm.preview")}</h3>
          {justCreated ? (
            <Text as="p">{t("meetings.planForm.previewAfterCreate")}</Text>
          ) : preview.formProblems.includes("noDates") ? (
            <Text as="p">{t("meetings.planForm.problems.noDates")}</Text>
          ) : preview.meetings.length === 0 ? (
            <Text as="p">{t("meetings.planForm.previewNeedsForm")}</Text>
          ) : (
            <ul className={styles.list} aria-label={t("meetings.planForm.preview")}>
              {preview.meetings.map((m) => (
                <li key={m.date}>
                  {m.draft.start ? (
                    <Text>
                      {t("meetings.planForm.previewLine", {
                        title: m.draft.title,
                        date: shortDate(m.draft.start),
                        time: timeRange(m.draft.start, m.draft.end),
                      })}
                    </Text>
                  ) : (
                    <Text>{m.date}</Text>
                  )}
                  {m.problems.map((p, j) => (
                    <Text key={j} as="p" className={styles.problem}>
                      {t(`meetings.planForm.problems.${p.kind}`, {
                        title: p.kind === "clash" ? p.with.title : "",
                        date: p.kind === "invalidDate" ? p.date : "",
                      })}
                    </Text>
                  ))}
                  {m.warnings.map((p, j) => (
                    <Text key={`w${j}`} as="p">
                      {t(`meetings.planForm.warnings.${p.kind}`)}
                    </Text>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>

        <div>
          <Button
            type="submit"
            appearance="primary"
            disabled={justCreated || !preview.canCreate || create.isPending}
          >
            {t("meetings.planForm.create", { count: preview.meetings.length })}
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {create.isPending ? (
            <Spinner size="tiny" label={t("meetings.planForm.creating")} />
          ) : null}
          {result ? (
            <MessageBar
              intent={notInCalendar.length > 0 ? "warning" : "success"}
              layout="multiline"
            >
              <MessageBarBody>
                <MessageBarTitle>
                  {t("meetings.planForm.created", { count: result.created.length })}
                </MessageBarTitle>
                {t("meetings.planForm.inCalendar", {
                  count: inCalendar,
                  total: result.created.length,
                })}
                {notInCalendar.length > 0 ? (
                  <ul className={styles.list}>
                    {notInCalendar.map((o) => (
                      <li key={o.meeting.id}>
                        {t("meetings.planForm.notInCalendarLine", {
                          title: o.meeting.title,
                          reason: o.calendarError?.message ?? "",
                        })}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {result.notCreated.length > 0 ? (
                  <ul className={styles.list}>
                    {result.notCreated.map((o) => (
                      <li key={o.title}>
                        {t("meetings.planForm.notCreatedLine", {
                          title: o.title,
                          reason: o.error.message,
                        })}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </MessageBarBody>
            </MessageBar>
          ) : null}
        </div>
        <MutationProblem mutation={create} title={t("meetings.planForm.failed")} />
      </form>
    </section>
  );
}
