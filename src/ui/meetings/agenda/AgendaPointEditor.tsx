/**
 * One point of the agenda as the secretary edits it: title, type, time-box, presenter and
 * indstilling (required for Beslutning before sending), saved with the version read; moved by
 * drag and drop, by the move buttons, or by Ctrl+↑/↓ on the point (announced by the builder).
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type DragEvent, type KeyboardEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Person } from "../../../domain/common.js";
import { AGENDA_DURATION_MAX, type AgendaItem } from "../../../domain/meetings.js";
import { AGENDA_KINDS, type AgendaKind } from "../../../domain/vocabulary.js";
import type { PointChanges } from "../../../use-cases/agenda.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { PersonPicker } from "../../intake/PersonPicker.js";
import { pointTitleId } from "./useAgenda.js";

const useStyles = makeStyles({
  point: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
  dropTarget: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalM,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  short: { maxWidth: "12rem" },
});

interface Form {
  title: string;
  kind: AgendaKind;
  duration: string;
  recommendation: string;
  presenter: Person | null;
}

function formOf(item: AgendaItem): Form {
  return {
    title: item.title,
    kind: item.kind,
    duration: item.durationMinutes === null ? "" : String(item.durationMinutes),
    recommendation: item.recommendation,
    presenter: item.presenter,
  };
}

function parseDuration(text: string): number | null | "invalid" {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 && n <= AGENDA_DURATION_MAX ? n : "invalid";
}

export interface AgendaPointEditorProps {
  item: AgendaItem;
  index: number;
  count: number;
  /** A move or save is under way: moves wait. */
  moving: boolean;
  saving: boolean;
  removing: boolean;
  /** The point's last failed save, if any. */
  saveError: unknown;
  dropTarget: boolean;
  onMove: (delta: -1 | 1) => void;
  onSave: (changes: PointChanges) => void;
  onRemove: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDragOver: (e: DragEvent) => void;
  onDrop: () => void;
}

export function AgendaPointEditor(props: AgendaPointEditorProps) {
  const { item, index, count } = props;
  const { t } = useTranslation();
  const styles = useStyles();
  const [form, setForm] = useState<Form>(() => formOf(item));
  const [dirty, setDirty] = useState(false);
  const [presenterError, setPresenterError] = useState<unknown>(null);
  /** The version a save started from: the form is kept until the saved version arrives. */
  const [savedFrom, setSavedFrom] = useState<string | null>(null);

  // A newer version from the list replaces the form: after our save, or when not being edited.
  useEffect(() => {
    if (savedFrom !== null && item.version !== savedFrom) {
      setSavedFrom(null);
      setDirty(false);
      setForm(formOf(item));
    } else if (!dirty) {
      setForm(formOf(item));
    }
    // Only a new item (version) from the list triggers this, not typing.
  }, [item]);
  useEffect(() => {
    if (props.saveError) setSavedFrom(null);
  }, [props.saveError]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setDirty(true);
  };
  const duration = parseDuration(form.duration);
  const titleMissing = form.title.trim() === "";
  const needsRecommendation = form.kind === "Beslutning" && form.recommendation.trim() === "";
  const titleId = pointTitleId(item.id);
  const field = (name: string) => `agenda-point-${item.id}-${name}`;

  const save = () => {
    if (duration === "invalid" || titleMissing) return;
    props.onSave({
      title: form.title.trim(),
      kind: form.kind,
      durationMinutes: duration,
      recommendation: form.recommendation,
      presenter: form.presenter,
    });
    setSavedFrom(item.version);
  };

  const keyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (!e.ctrlKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    props.onMove(e.key === "ArrowUp" ? -1 : 1);
  };

  return (
    <article
      className={mergeClasses(styles.point, props.dropTarget && styles.dropTarget)}
      tabIndex={0}
      data-point-id={item.id}
      aria-labelledby={titleId}
      aria-describedby="agenda-keyboard-hint"
      aria-busy={props.saving || props.removing || undefined}
      draggable
      onKeyDown={keyDown}
      onDragStart={(e) => {
        e.dataTransfer.setData("text/plain", String(item.id));
        e.dataTransfer.effectAllowed = "move";
        props.onDragStart();
      }}
      onDragEnd={props.onDragEnd}
      onDragOver={props.onDragOver}
      onDrop={(e) => {
        e.preventDefault();
        props.onDrop();
      }}
    >
      <h3 id={titleId} className={styles.heading}>
        {t("agenda.point.heading", { number: index + 1, title: item.title })}
      </h3>
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={index === 0 || props.moving}
          onClick={() => props.onMove(-1)}
          aria-label={t("agenda.point.moveUpNamed", { title: item.title })}
        >
          {t("agenda.point.moveUp")}
        </Button>
        <Button
          size="small"
          disabled={index === count - 1 || props.moving}
          onClick={() => props.onMove(1)}
          aria-label={t("agenda.point.moveDownNamed", { title: item.title })}
        >
          {t("agenda.point.moveDown")}
        </Button>
        <Button
          size="small"
          disabled={props.removing}
          onClick={props.onRemove}
          aria-label={t("agenda.point.removeNamed", { title: item.title })}
        >
          {t("agenda.point.remove")}
        </Button>
      </div>
      <form
        noValidate
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field
          label={t("agenda.point.title")}
          required
          {...(titleMissing
            ? {
                validationState: "error" as const,
                validationMessage: t("agenda.point.titleMissing"),
              }
            : {})}
        >
          <Input
            id={field("title")}
            value={form.title}
            maxLength={255}
            onChange={(_e, d) => set("title", d.value)}
          />
        </Field>
        <div className={styles.row}>
          <Field label={t("agenda.point.kind")}>
            <Select
              id={field("kind")}
              value={form.kind}
              onChange={(_e, d) => set("kind", d.value as AgendaKind)}
            >
              {AGENDA_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`agenda.kinds.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label={t("agenda.point.duration")}
            className={styles.short}
            {...(duration === "invalid"
              ? {
                  validationState: "error" as const,
                  validationMessage: t("agenda.point.durationInvalid", {
                    max: AGENDA_DURATION_MAX,
                  }),
                }
              : {})}
          >
            <Input
              id={field("duration")}
              type="number"
              min={0}
              max={AGENDA_DURATION_MAX}
              step={5}
              value={form.duration}
              onChange={(_e, d) => set("duration", d.value)}
            />
          </Field>
          <Field
            label={t("agenda.point.presenter")}
            hint={t("agenda.point.presenterHint")}
            {...(presenterError
              ? {
                  validationState: "error" as const,
                  validationMessage: t("agenda.point.presenterFailed"),
                }
              : {})}
          >
            <PersonPicker
              id={field("presenter")}
              value={form.presenter}
              invalid={presenterError !== null}
              onChange={(p) => {
                setPresenterError(null);
                set("presenter", p);
              }}
              onError={setPresenterError}
            />
          </Field>
        </div>
        <Field
          label={t("agenda.point.recommendation")}
          required={form.kind === "Beslutning"}
          hint={
            form.kind === "Beslutning"
              ? t("agenda.point.recommendationRequired")
              : t("agenda.point.recommendationOptional")
          }
          {...(needsRecommendation
            ? {
                validationState: "warning" as const,
                validationMessage: t("agenda.point.recommendationMissing"),
              }
            : {})}
        >
          <Textarea
            id={field("recommendation")}
            value={form.recommendation}
            resize="vertical"
            onChange={(_e, d) => set("recommendation", d.value)}
          />
        </Field>
        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            disabled={
              !dirty || props.saving || savedFrom !== null || duration === "invalid" || titleMissing
            }
            aria-label={t("agenda.point.saveNamed", { title: item.title })}
          >
            {props.saving ? t("agenda.point.saving") : t("agenda.point.save")}
          </Button>
          {dirty ? (
            <Button
              onClick={() => {
                setForm(formOf(item));
                setDirty(false);
              }}
              aria-label={t("agenda.point.undoNamed", { title: item.title })}
            >
              {t("agenda.point.undo")}
            </Button>
          ) : null}
        </div>
      </form>
      {props.saveError ? (
        <StoreErrorMessage error={props.saveError} title={t("agenda.point.saveFailed")} />
      ) : null}
    </article>
  );
}
