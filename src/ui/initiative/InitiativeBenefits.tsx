/**
 * The initiative's benefits (Gevinster section): its register with each benefit's kind, owner,
 * expected target, state, model version and what the model still asks of it; the secretariat
 * adds and edits benefits here. A lifecycle gate missing a benefit links to the new benefit
 * form (`#gevinst-ny`), which opens and takes the focus.
 */
import { Button, Link, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { benefitClass } from "../../domain/benefits.js";
import type { BenefitRow } from "../../use-cases/benefits.js";
import type { InitiativePage } from "../../use-cases/initiative.js";
import { BenefitForm } from "../benefits/BenefitForm.js";
import {
  hrefForBenefit,
  hrefForNewBenefit,
  NEW_BENEFIT_ANCHOR,
  usePageAnchor,
} from "../benefits/links.js";
import { type DataColumn, DataTable, QueryBoundary, Stack } from "../components/index.js";
import { formatNumber } from "../i18n/format.js";
import { useBenefitsPage } from "../queries/benefits.js";
import { hrefFor } from "../shell/routes.js";
import { Section } from "./Sections.js";

type Editing = { kind: "new" } | { kind: "edit"; row: BenefitRow } | null;

export function InitiativeBenefits({ page }: { page: InitiativePage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const initiative = page.initiative;
  const query = useBenefitsPage(initiative.id);
  const anchor = usePageAnchor();
  const [editing, setEditing] = useState<Editing>(null);
  useEffect(() => {
    if (anchor === NEW_BENEFIT_ANCHOR) setEditing({ kind: "new" });
  }, [anchor]);
  useEffect(() => {
    if (editing?.kind === "new") {
      document.getElementById(NEW_BENEFIT_ANCHOR)?.querySelector("input")?.focus();
    }
  }, [editing]);
  const n = (x: number | null) => (x === null ? "–" : formatNumber(x, language, 1));

  const columns: DataColumn<BenefitRow>[] = [
    {
      key: "title",
      header: t("fields.benefit.title"),
      cell: (r) => <Link href={hrefForBenefit(r.benefit.id)}>{r.benefit.title}</Link>,
      sortValue: (r) => r.benefit.title,
      grow: 2,
    },
    {
      key: "kind",
      header: t("fields.benefit.kind"),
      cell: (r) =>
        `${t(`benefits.class.${benefitClass(r.benefit)}`)}${r.benefit.isDisbenefit ? ` (${t("benefits.register.disbenefit")})` : ""}`,
    },
    { key: "owner", header: t("fields.benefit.owner"), cell: (r) => r.benefit.owner?.name ?? "–" },
    {
      key: "target",
      header: t("fields.benefit.targetExpected"),
      cell: (r) => `${n(r.benefit.targetExpected)} ${r.benefit.unit}`,
      align: "end",
    },
    {
      key: "state",
      header: t("fields.benefit.state"),
      cell: (r) => t(`benefits.state.${r.benefit.state}`),
    },
    {
      key: "model",
      header: t("benefits.register.model"),
      cell: (r) =>
        r.modelVersion === null
          ? t("benefits.register.noModel")
          : t("benefits.register.modelVersion", { version: r.modelVersion }),
    },
    {
      key: "missing",
      header: t("benefits.register.missing"),
      cell: (r) =>
        r.missing.length === 0
          ? t("benefits.register.complete")
          : r.missing.map((f) => t(`fields.benefit.${f}`)).join(", "),
      grow: 2,
    },
  ];

  return (
    <Section
      title={t("benefits.register.heading")}
      actions={<Link href={hrefFor("benefits")}>{t("initiative.benefits.link")}</Link>}
    >
      <QueryBoundary query={query} isEmpty={() => false}>
        {(data) => (
          <Stack gap="s">
            <DataTable
              label={t("benefits.register.ofInitiative", { title: initiative.title })}
              rows={data.rows}
              columns={
                data.mayManage
                  ? [
                      ...columns,
                      {
                        key: "edit",
                        header: t("benefits.form.editColumn"),
                        cell: (r) => (
                          <Button
                            size="small"
                            onClick={() => setEditing({ kind: "edit", row: r })}
                            aria-label={t("benefits.form.editOne", { title: r.benefit.title })}
                          >
                            {t("benefits.form.editButton")}
                          </Button>
                        ),
                      },
                    ]
                  : columns
              }
              rowKey={(r) => r.benefit.id}
              empty={t("benefits.register.none")}
              height="18rem"
            />
            {data.mayManage && editing === null ? (
              <div>
                <Button appearance="primary" onClick={() => setEditing({ kind: "new" })}>
                  {t("benefits.form.add")}
                </Button>
              </div>
            ) : null}
            {!data.mayManage && data.rows.length === 0 ? (
              <Text size={200}>{t("benefits.register.askSecretary")}</Text>
            ) : null}
            {data.mayManage && editing !== null ? (
              <BenefitForm
                key={editing.kind === "edit" ? editing.row.benefit.id : "new"}
                initiative={{ id: initiative.id, title: initiative.title }}
                benefit={editing.kind === "edit" ? editing.row.benefit : null}
                modelVersion={data.models.at(-1)?.version ?? null}
                onDone={() => setEditing(null)}
              />
            ) : null}
          </Stack>
        )}
      </QueryBoundary>
    </Section>
  );
}

/** After a gate's missing benefit: a link straight to the new benefit form. */
export function BenefitGateLink(props: { problem: { field?: string }; initiative: number }) {
  const { t } = useTranslation();
  if (props.problem.field !== "benefits") return null;
  return (
    <>
      {" "}
      <Link href={hrefForNewBenefit(props.initiative)}>{t("initiative.benefits.gateLink")}</Link>
    </>
  );
}
