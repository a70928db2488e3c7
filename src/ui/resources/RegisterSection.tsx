/**
 * The register: people with specialist knowledge, their area, competences, capacity and
 * absences. The secretary adds and edits (a form under the table); everyone else reads.
 */
import { Button, Checkbox, Input, Select, Switch, Text } from "@fluentui/react-components";
import { useReducer, useState } from "react";

import type { Area } from "../../domain/portfolio.js";
import type { Problem } from "../../domain/problems.js";
import type { Resource } from "../../domain/resources.js";
import { COMPETENCES } from "../../domain/vocabulary.js";
import {
  DataTable,
  FormField,
  ProblemMessage,
  Stack,
  StoreErrorMessage,
  useProblemText,
} from "../components/index.js";
import { useSaveResource } from "../queries/resources.js";
import { resourceDraftOf, resourceFormOf, resourceFormReducer } from "./form-state.js";
import { useResourceFormat } from "./format.js";

function ResourceForm(props: {
  resource: Resource | null;
  areas: readonly Area[];
  onDone: () => void;
}) {
  const { t, competence } = useResourceFormat();
  const problemText = useProblemText();
  const [state, dispatch] = useReducer(resourceFormReducer, props.resource, resourceFormOf);
  const [problems, setProblems] = useState<Problem[]>([]);
  const save = useSaveResource();
  const errorOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemText(p) : undefined;
  };
  const submit = async () => {
    const draft = resourceDraftOf(state, props.resource?.person ?? null);
    const r = await save.mutateAsync({ draft, existing: props.resource });
    if (r.ok) props.onDone();
    else setProblems(r.error);
  };
  return (
    <Stack
      as="form"
      gap="s"
      aria-label={
        props.resource ? t("resources.register.editTitle") : t("resources.register.addTitle")
      }
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Text as="h3" weight="semibold">
        {props.resource ? t("resources.register.editTitle") : t("resources.register.addTitle")}
      </Text>
      <FormField label={t("fields.resource.title")} required error={errorOf("title")}>
        <Input
          value={state.title}
          onChange={(_, d) => dispatch({ kind: "field", field: "title", value: d.value })}
        />
      </FormField>
      <FormField
        label={t("resources.register.email")}
        hint={t("resources.register.emailHint")}
        required
        error={errorOf("person")}
      >
        <Input
          type="email"
          value={state.email}
          onChange={(_, d) => dispatch({ kind: "field", field: "email", value: d.value })}
        />
      </FormField>
      <FormField label={t("fields.resource.area")}>
        <Select
          value={state.area ? String(state.area.id) : ""}
          onChange={(_, d) => {
            const a = props.areas.find((x) => String(x.id) === d.value);
            dispatch({ kind: "area", area: a ? { id: a.id, title: a.title } : null });
          }}
        >
          <option value="">{t("resources.none")}</option>
          {props.areas.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.title}
            </option>
          ))}
        </Select>
      </FormField>
      <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
        <legend>
          <Text weight="semibold">{t("fields.resource.competences")}</Text>
        </legend>
        <Stack direction="row" wrap gap="xs">
          {COMPETENCES.map((c) => (
            <Checkbox
              key={c}
              label={competence(c)}
              checked={state.competences.includes(c)}
              onChange={(_, d) => dispatch({ kind: "competence", competence: c, on: !!d.checked })}
            />
          ))}
        </Stack>
        {errorOf("competences") ? <Text role="alert">{errorOf("competences")}</Text> : null}
      </fieldset>
      <FormField
        label={t("fields.resource.capacityHoursPerMonth")}
        error={errorOf("capacityHoursPerMonth")}
      >
        <Input
          inputMode="decimal"
          value={state.capacity}
          onChange={(_, d) => dispatch({ kind: "field", field: "capacity", value: d.value })}
        />
      </FormField>
      <Switch
        label={t("resources.register.active")}
        checked={state.active}
        onChange={(_, d) => dispatch({ kind: "active", on: d.checked })}
      />
      <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
        <legend>
          <Text weight="semibold">{t("fields.resource.absences")}</Text>
        </legend>
        <Stack gap="xs">
          {state.absences.map((a, i) => (
            <Stack key={a.key} direction="row" gap="s" align="end" wrap>
              <FormField label={t("fields.resource.absenceFrom")}>
                <Input
                  type="date"
                  value={a.from}
                  onChange={(_, d) =>
                    dispatch({ kind: "absence", row: i, field: "from", value: d.value })
                  }
                />
              </FormField>
              <FormField label={t("fields.resource.absenceTo")}>
                <Input
                  type="date"
                  value={a.to}
                  onChange={(_, d) =>
                    dispatch({ kind: "absence", row: i, field: "to", value: d.value })
                  }
                />
              </FormField>
              <Button onClick={() => dispatch({ kind: "removeAbsence", row: i })}>
                {t("resources.register.removeAbsence")}
              </Button>
            </Stack>
          ))}
          {errorOf("absences") ? <Text role="alert">{errorOf("absences")}</Text> : null}
          <div>
            <Button onClick={() => dispatch({ kind: "addAbsence" })}>
              {t("resources.register.addAbsence")}
            </Button>
          </div>
        </Stack>
      </fieldset>
      {problems.length > 0 ? <ProblemMessage problems={problems} /> : null}
      {save.isError ? <StoreErrorMessage error={save.error} /> : null}
      <Stack direction="row" gap="s">
        <Button appearance="primary" type="submit" disabled={save.isPending}>
          {t("resources.save")}
        </Button>
        <Button onClick={props.onDone}>{t("resources.cancel")}</Button>
      </Stack>
    </Stack>
  );
}

export function RegisterSection(props: {
  resources: readonly Resource[];
  areas: readonly Area[];
  mayEdit: boolean;
}) {
  const { t, number, date, competence } = useResourceFormat();
  const [editing, setEditing] = useState<Resource | "new" | null>(null);
  return (
    <Stack gap="s">
      <DataTable<Resource>
        label={t("resources.register.title")}
        rows={props.resources}
        rowKey={(r) => r.id}
        rowTestId={(r) => `resource-row-${r.id}`}
        defaultSort={{ column: "title", descending: false }}
        empty={t("resources.register.empty")}
        height="min(50vh, 28rem)"
        columns={[
          {
            key: "title",
            header: t("fields.resource.title"),
            cell: (r) => r.title,
            sortValue: (r) => r.title,
          },
          {
            key: "area",
            header: t("fields.resource.area"),
            cell: (r) => r.area?.title ?? "–",
            sortValue: (r) => r.area?.title,
            priority: 3,
          },
          {
            key: "competences",
            header: t("fields.resource.competences"),
            cell: (r) => r.competences.map(competence).join(", "),
            grow: 2,
          },
          {
            key: "capacity",
            header: t("resources.register.capacity"),
            cell: (r) => (r.capacityHoursPerMonth === null ? "–" : number(r.capacityHoursPerMonth)),
            sortValue: (r) => r.capacityHoursPerMonth,
            align: "end",
            minWidth: 7,
          },
          {
            key: "absences",
            header: t("fields.resource.absences"),
            cell: (r) =>
              r.absences.length === 0
                ? "–"
                : r.absences.map((a) => `${date(a.from)} – ${date(a.to)}`).join("; "),
            priority: 2,
          },
          {
            key: "active",
            header: t("resources.register.active"),
            cell: (r) => (r.active ? t("resources.yes") : t("resources.no")),
            priority: 1,
            minWidth: 5,
          },
          ...(props.mayEdit
            ? [
                {
                  key: "edit",
                  header: t("resources.register.actions"),
                  minWidth: 7,
                  cell: (r: Resource) => (
                    <Button
                      size="small"
                      aria-label={t("resources.register.editOne", { name: r.title })}
                      onClick={() => setEditing(r)}
                    >
                      {t("resources.register.edit")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {props.mayEdit && editing === null ? (
        <div>
          <Button onClick={() => setEditing("new")}>{t("resources.register.add")}</Button>
        </div>
      ) : null}
      {editing !== null ? (
        <ResourceForm
          key={editing === "new" ? "new" : editing.id}
          resource={editing === "new" ? null : editing}
          areas={props.areas}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
