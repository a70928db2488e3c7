/**
 * Ressourcer (`#/ressourcer`): the capacity heatmaps (per competence and per person, from a
 * chosen month), the register of people with specialist knowledge, and the resource requests
 * (indkald ressourcer). The secretary edits the register and sends requests; an area head
 * answers the requests to their area; everyone on the committee reads.
 */
import { Card, Field, Select, Text } from "@fluentui/react-components";
import { type ReactNode, useId, useState } from "react";

import { canManageResources } from "../../domain/resources-rules.js";
import { hasRole } from "../../domain/roles.js";
import { QueryBoundary, Stack } from "../components/index.js";
import { useResourceOverview } from "../queries/resources.js";
import { CapacityHeatmap } from "./CapacityHeatmap.js";
import { useResourceFormat } from "./format.js";
import { RegisterSection } from "./RegisterSection.js";
import { RequestsSection } from "./RequestsSection.js";

const SPANS = [6, 12, 24, 36] as const;

function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <Card role="region" aria-labelledby={id}>
      <Stack gap="m">
        <h2 id={id} style={{ margin: 0 }}>
          <Text as="span" size={500} weight="semibold">
            {props.title}
          </Text>
        </h2>
        {props.actions}
        {props.children}
      </Stack>
    </Card>
  );
}

export default function ResourcesView() {
  const { t } = useResourceFormat();
  const [months, setMonths] = useState<number>(12);
  const query = useResourceOverview(null, months);
  return (
    <Stack as="section" gap="l" aria-labelledby="view-title" aria-busy={query.isPending}>
      <h1 id="view-title" style={{ margin: 0 }}>
        <Text as="span" size={700} weight="semibold">
          {t("resources.title")}
        </Text>
      </h1>
      <Text>{t("resources.intro")}</Text>
      <QueryBoundary
        query={query}
        isEmpty={() => false}
        loadingLabel={t("resources.loading")}
        errorTitle={t("resources.loadError")}
      >
        {(data) => {
          const secretary = canManageResources(data.me);
          return (
            <>
              <Section
                title={t("resources.heatmap.title")}
                actions={
                  <Field label={t("resources.heatmap.span")}>
                    <Select value={String(months)} onChange={(_, d) => setMonths(Number(d.value))}>
                      {SPANS.map((n) => (
                        <option key={n} value={String(n)}>
                          {t("resources.heatmap.months", { count: n })}
                        </option>
                      ))}
                    </Select>
                  </Field>
                }
              >
                <CapacityHeatmap byCompetence={data.byCompetence} byPerson={data.byPerson} />
                {data.irregular.length > 0 && (secretary || hasRole(data.me, "chair")) ? (
                  <Text role="note">
                    {t("resources.irregular", {
                      count: data.irregular.length,
                      names: [...new Set(data.irregular.map((i) => i.by?.name ?? "?"))].join(", "),
                    })}
                  </Text>
                ) : null}
              </Section>
              <Section title={t("resources.requests.title")}>
                <RequestsSection
                  me={data.me}
                  requests={data.requests}
                  areas={data.areas}
                  resources={data.resources}
                  initiatives={data.initiatives}
                  maySend={secretary}
                />
              </Section>
              <Section title={t("resources.register.title")}>
                <RegisterSection
                  resources={data.resources}
                  areas={data.areas}
                  mayEdit={secretary}
                />
              </Section>
            </>
          );
        }}
      </QueryBoundary>
    </Stack>
  );
}
