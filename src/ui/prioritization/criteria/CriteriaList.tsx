/**
 * The criteria with their descriptions and level definitions; the secretary and the chair add,
 * edit, activate and deactivate them (at most 7 active: the use case refuses an eighth).
 */
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useState } from "react";

import { MAX_CRITERIA } from "../../../domain/ahp.js";
import type { Criterion, CriterionDraft } from "../../../domain/prioritization.js";
import { useSaveCriterion } from "../../queries/prioritization.js";
import { ActionError } from "../ActionError.js";
import { useAhpFormat } from "./format.js";

const LEVELS = ["none", "low", "moderate", "strong", "extreme"] as const;

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: 0 },
  item: {
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  titleRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  h: { margin: 0 },
  levels: { margin: 0, display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: "1em" },
  level: { display: "contents" },
  dd: { margin: 0 },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    maxWidth: "40rem",
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

function emptyDraft(sortOrder: number): CriterionDraft {
  return {
    title: "",
    description: "",
    levels: { none: "", low: "", moderate: "", strong: "", extreme: "" },
    active: true,
    sortOrder,
  };
}

function CriterionForm(props: {
  editing: Criterion | null;
  nextOrder: number;
  onDone: () => void;
}) {
  const styles = useStyles();
  const { t } = useAhpFormat();
  const saveCriterion = useSaveCriterion();
  const [draft, setDraft] = useState<CriterionDraft>(() =>
    props.editing
      ? {
          title: props.editing.title,
          description: props.editing.description,
          levels: { ...props.editing.levels },
          active: props.editing.active,
          sortOrder: props.editing.sortOrder,
        }
      : emptyDraft(props.nextOrder),
  );
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const titleMissing = draft.title.trim() === "";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (titleMissing) return;
    setSaving(true);
    setError(null);
    try {
      const r = await saveCriterion.mutateAsync(
        props.editing ? { draft, id: props.editing.id, version: props.editing.version } : { draft },
      );
      if (r.ok) props.onDone();
      else setError(r.error);
    } catch (x) {
      setError(x);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className={styles.form}
      aria-label={props.editing ? t("ahp.criteria.editForm") : t("ahp.criteria.addForm")}
      onSubmit={(e) => void submit(e)}
    >
      <Field label={t("ahp.criteria.name")} required>
        <Input
          value={draft.title}
          onChange={(_e, d) => setDraft({ ...draft, title: d.value })}
          maxLength={255}
        />
      </Field>
      <Field label={t("ahp.criteria.description")}>
        <Textarea
          value={draft.description}
          onChange={(_e, d) => setDraft({ ...draft, description: d.value })}
        />
      </Field>
      {LEVELS.map((level) => (
        <Field
          key={level}
          label={t("ahp.criteria.levelDefinition", { level: t(`ahp.levels.${level}`) })}
        >
          <Input
            value={draft.levels[level]}
            onChange={(_e, d) =>
              setDraft({ ...draft, levels: { ...draft.levels, [level]: d.value } })
            }
          />
        </Field>
      ))}
      <Checkbox
        checked={draft.active}
        onChange={(_e, d) => setDraft({ ...draft, active: d.checked === true })}
        label={t("ahp.criteria.activeLabel", { max: MAX_CRITERIA })}
      />
      <ActionError error={error} title={t("ahp.criteria.saveError")} />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={saving || titleMissing}>
          {t("ahp.criteria.save")}
        </Button>
        <Button type="button" onClick={props.onDone}>
          {t("ahp.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function CriteriaList(props: { criteria: Criterion[]; mayManage: boolean }) {
  const styles = useStyles();
  const { t } = useAhpFormat();
  const [editing, setEditing] = useState<Criterion | "new" | null>(null);
  const active = props.criteria.filter((c) => c.active).length;
  const nextOrder = Math.max(0, ...props.criteria.map((c) => c.sortOrder ?? 0)) + 1;

  return (
    <>
      <Text as="p">{t("ahp.criteria.activeCount", { count: active, max: MAX_CRITERIA })}</Text>
      {props.criteria.length === 0 ? <Text as="p">{t("ahp.criteria.none")}</Text> : null}
      <ul className={styles.list}>
        {props.criteria.map((c) => (
          <li key={c.id} className={styles.item} aria-labelledby={`criterion-${c.id}`}>
            <div className={styles.titleRow}>
              <h3 id={`criterion-${c.id}`} className={styles.h}>
                {c.title}
              </h3>
              <Badge appearance="outline" color={c.active ? "brand" : "informative"}>
                {c.active ? t("ahp.criteria.active") : t("ahp.criteria.inactive")}
              </Badge>
            </div>
            {c.description ? <Text as="p">{c.description}</Text> : null}
            <dl className={styles.levels}>
              {LEVELS.filter((l) => c.levels[l]).map((l) => (
                <div key={l} className={styles.level}>
                  <dt>{t(`ahp.levels.${l}`)}</dt>
                  <dd className={styles.dd}>{c.levels[l]}</dd>
                </div>
              ))}
            </dl>
            {props.mayManage && editing === null ? (
              <div>
                <Button size="small" onClick={() => setEditing(c)}>
                  {t("ahp.criteria.edit", { title: c.title })}
                </Button>
              </div>
            ) : null}
            {editing !== "new" && editing?.id === c.id ? (
              <CriterionForm editing={c} nextOrder={nextOrder} onDone={() => setEditing(null)} />
            ) : null}
          </li>
        ))}
      </ul>
      {props.mayManage && editing === null ? (
        <div>
          <Button onClick={() => setEditing("new")}>{t("ahp.criteria.add")}</Button>
        </div>
      ) : null}
      {editing === "new" ? (
        <CriterionForm editing={null} nextOrder={nextOrder} onDone={() => setEditing(null)} />
      ) : null}
    </>
  );
}
