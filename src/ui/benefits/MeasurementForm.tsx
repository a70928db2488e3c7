/**
 * Records a measurement of one benefit: value, date and comment. Shown to the benefit's owner
 * and the secretary only (the use-case refuses anyone else; the list lets each write only their
 * own items, and only the owner's or the secretary's count).
 */
import { Button, Field, Input, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Benefit } from "../../domain/benefits.js";
import type { Problem } from "../../domain/problems.js";
import { ProblemMessage, Stack, StoreErrorMessage, useProblemText } from "../components/index.js";
import { useRecordMeasurement } from "../queries/benefits.js";
import { parseNumber } from "./form-state.js";

const today = (now: Date) => now.toISOString().slice(0, 10);

export function MeasurementForm(props: { benefit: Benefit; now: Date; onSaved?: () => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const record = useRecordMeasurement();
  const [value, setValue] = useState("");
  const [day, setDay] = useState(today(props.now));
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const at = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? { validationState: "error" as const, validationMessage: text(p) } : {};
  };
  const submit = () => {
    setSaved(false);
    const parsed = parseNumber(value);
    record.mutate(
      {
        title: t("benefits.measure.itemTitle", { date: day }),
        benefit: { id: props.benefit.id, title: props.benefit.title },
        measuredAt: /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day,
        value: parsed,
        milestone: "Løbende",
        comment,
      },
      {
        onSuccess: (r) => {
          if (r.ok) {
            setProblems([]);
            setValue("");
            setComment("");
            setSaved(true);
            props.onSaved?.();
          } else setProblems(r.problems);
        },
      },
    );
  };
  return (
    <form
      aria-label={t("benefits.measure.form", { title: props.benefit.title })}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="s">
        <Field
          label={t("benefits.measure.value", { unit: props.benefit.unit })}
          required
          {...at("value")}
        >
          <Input inputMode="decimal" value={value} onChange={(_e, d) => setValue(d.value)} />
        </Field>
        <Field label={t("benefits.measure.date")} required {...at("measuredAt")}>
          <Input type="date" value={day} onChange={(_e, d) => setDay(d.value)} />
        </Field>
        <Field label={t("benefits.measure.comment")} {...at("comment")}>
          <Textarea value={comment} resize="vertical" onChange={(_e, d) => setComment(d.value)} />
        </Field>
        <ProblemMessage
          problems={problems.filter(
            (p) => !p.field || !["value", "measuredAt", "comment"].includes(p.field),
          )}
        />
        {record.isError ? (
          <StoreErrorMessage error={record.error} title={t("benefits.measure.failed")} />
        ) : null}
        {saved ? <div role="status">{t("benefits.measure.saved")}</div> : null}
        <div>
          <Button type="submit" appearance="primary" disabled={record.isPending}>
            {t("benefits.measure.save")}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
