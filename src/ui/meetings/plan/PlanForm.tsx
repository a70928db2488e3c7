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
import { type FormEvent, useMemo, useState } from "react";

import { isStoreError } from "../../../domain/errors.js";
import {
  DURATION_MAX,
  DURATION_MIN,
  type PlanForm as PlanFormValue,
  type PlanPattern,
  previewPlan,
} from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import { MEETING_KINDS, type MeetingKind } from "../../../domain/vocabulary.js";
import type { PlanResult } from "../../../use-cases/meeting-plan.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useCreatePlan } from "../../queries/meetings.js";
import { useServices } from "../../services.js";
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

type Mode = PlanPattern["kind"];

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function PlanForm(props: { year: number; existing: Meeting[] }) {
  const styles = useStyles();
  const { t, shortDate, timeRange } = useMeetingFormat();
  const { clock } = useServices();
  const create = useCreatePlan();
  const [mode, setMode] = useState<Mode>("quarterly");
  const [year, setYear] = useState(String(props.year));
  const [nth, setNth] = useState("1");
  const [weekday, setWeekday] = useState("2");
  const [monthInQuarter, setMonthInQuarter] = useState("0");
  const [firstDate, setFirstDate] = useState("");
  const [everyMonths, setEveryMonths] = useState("3");
  const [count, setCount] = useState("4");
  const [dates, setDates] = useState<string[]>([""]);
  const [startTime, setStartTime] = useState("09:00");
  const [duration, setDuration] = useState("120");
  const [location, setLocation] = useState("");
  const [kind, setKind] = useState<MeetingKind>("Ordinært møde");
  const [result, setResult] = useState<PlanResult | null>(null);

  const form: PlanFormValue = useMemo(() => {
    const pattern: PlanPattern =
      mode === "quarterly"
        ? {
            kind: "quarterly",
            year: Number(year),
            weekday: Number(weekday),
            nth: Number(nth),
            monthInQuarter: Number(monthInQuarter),
          }
        : mode === "interval"
          ? {
              kind: "interval",
              firstDate,
              everyMonths: Number(everyMonths),
              count: Number(count),
            }
          : { kind: "dates", dates };
    return {
      pattern,
      startTime,
      durationMinutes: Number(duration),
      location,
      kind,
    };
  }, [
    mode,
    year,
    weekday,
    nth,
    monthInQuarter,
    firstDate,
    everyMonths,
    count,
    dates,
    startTime,
    duration,
    location,
    kind,
  ]);
  const preview = useMemo(
    () => previewPlan(form, props.existing, clock.now()),
    [form, props.existing, clock],
  );
  const formProblem = (p: string) => preview.formProblems.includes(p as never);
  // After creating, the same form would preview the new meetings as clashing with themselves:
  // the preview waits until the form is changed.
  const formKey = JSON.stringify(form);
  const [createdKey, setCreatedKey] = useState<string | null>(null);
  const justCreated = createdKey === formKey;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!preview.canCreate || create.isPending) return;
    setResult(null);
    create.mutate(form, {
      onSuccess: (r) => {
        setResult(r);
        setCreatedKey(formKey);
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
          <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as Mode)}>
            <Radio value="quarterly" label={t("meetings.planForm.modes.quarterly")} />
            <Radio value="interval" label={t("meetings.planForm.modes.interval")} />
            <Radio value="dates" label={t("meetings.planForm.modes.dates")} />
          </RadioGroup>
        </Field>

        {mode === "quarterly" ? (
          <div className={styles.row}>
            <Field label={t("meetings.planForm.year")}>
              <Input
                type="number"
                value={year}
                min={2000}
                max={2100}
                onChange={(_, d) => setYear(d.value)}
              />
            </Field>
            <Field label={t("meetings.planForm.nth")}>
              <Select value={nth} onChange={(_, d) => setNth(d.value)}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {t(`meetings.planForm.nthValues.${n}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("meetings.planForm.weekday")}>
              <Select value={weekday} onChange={(_, d) => setWeekday(d.value)}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`meetings.weekdays.${d}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("meetings.planForm.monthInQuarter")}>
              <Select value={monthInQuarter} onChange={(_, d) => setMonthInQuarter(d.value)}>
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
              <Input type="date" value={firstDate} onChange={(_, d) => setFirstDate(d.value)} />
            </Field>
            <Field label={t("meetings.planForm.everyMonths")}>
              <Input
                type="number"
                min={1}
                max={12}
                value={everyMonths}
                onChange={(_, d) => setEveryMonths(d.value)}
              />
            </Field>
            <Field
              label={t("meetings.planForm.count")}
              validationMessage={
                formProblem("tooMany") ? t("meetings.planForm.problems.tooMany") : undefined
              }
            >
              <Input type="number" min={1} value={count} onChange={(_, d) => setCount(d.value)} />
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
                    onChange={(_, v) =>
                      setDates((all) => all.map((x, j) => (j === i ? v.value : x)))
                    }
                  />
                </Field>
                {dates.length > 1 ? (
                  <Button
                    onClick={() => setDates((all) => all.filter((_, j) => j !== i))}
                    aria-label={t("meetings.planForm.removeDate", { n: i + 1 })}
                  >
                    {t("meetings.planForm.remove")}
                  </Button>
                ) : null}
              </div>
            ))}
            <Button onClick={() => setDates((all) => [...all, ""])}>
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
            <Input type="time" value={startTime} onChange={(_, d) => setStartTime(d.value)} />
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
              value={duration}
              onChange={(_, d) => setDuration(d.value)}
            />
          </Field>
          <Field label={t("meetings.planForm.kind")}>
            <Select value={kind} onChange={(_, d) => setKind(d.value as MeetingKind)}>
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
          <Input value={location} maxLength={255} onChange={(_, d) => setLocation(d.value)} />
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
        {create.isError ? (
          <>
            <StoreErrorMessage error={create.error} title={t("meetings.planForm.failed")} />
            {isStoreError(create.error, "Invalid") ? null : (
              <Text as="p">{create.error.message}</Text>
            )}
          </>
        ) : null}
      </form>
    </section>
  );
}
