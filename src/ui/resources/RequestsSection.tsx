/**
 * Indkald ressourcer: the secretary asks an area for a competence to an initiative; the area
 * head answers in the tab (the mail's link opens this page at the request): confirming creates
 * the allocations, refusing needs a reason.
 */
import { Button, Input, Select, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";

import type { Ref } from "../../domain/common.js";
import type { InitiativeId } from "../../domain/ids.js";
import type { Area } from "../../domain/portfolio.js";
import type { Problem } from "../../domain/problems.js";
import type { Resource, ResourceRequest } from "../../domain/resources.js";
import type { Me } from "../../domain/roles.js";
import { type Competence, COMPETENCES } from "../../domain/vocabulary.js";
import {
  DataTable,
  FormField,
  ProblemMessage,
  Stack,
  StoreErrorMessage,
  useProblemText,
} from "../components/index.js";
import { useAnswerResourceRequest, useSendResourceRequest } from "../queries/resources.js";
import { parseHours } from "./form-state.js";
import { useResourceFormat } from "./format.js";

/** The request a link points at: `#/ressourcer#anmodning-7` → 7. */
export function linkedRequest(hash: string): number | null {
  const m = /#anmodning-(\d+)$/.exec(hash);
  return m ? Number(m[1]) : null;
}

function NewRequestForm(props: {
  areas: readonly Area[];
  initiatives: readonly Ref<InitiativeId>[];
  onDone: () => void;
}) {
  const { t, competence } = useResourceFormat();
  const problemText = useProblemText();
  const send = useSendResourceRequest();
  const [title, setTitle] = useState("");
  const [area, setArea] = useState("");
  const [initiative, setInitiative] = useState("");
  const [comp, setComp] = useState<Competence>(COMPETENCES[0]);
  const [hours, setHours] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notMailed, setNotMailed] = useState(false);
  const errorOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemText(p) : undefined;
  };
  const submit = async () => {
    const a = props.areas.find((x) => String(x.id) === area);
    const i = props.initiatives.find((x) => String(x.id) === initiative);
    const r = await send.mutateAsync({
      title: title.trim(),
      area: a ? { id: a.id, title: a.title } : null,
      initiative: i ?? null,
      competence: comp,
      hours: parseHours(hours),
      neededFrom: from ? `${from}T00:00:00Z` : null,
      neededTo: to ? `${to}T00:00:00Z` : null,
      message: message.trim(),
    });
    if (!r.ok) setProblems(r.error);
    else if (!r.value.mailed) setNotMailed(true);
    else props.onDone();
  };
  return (
    <Stack
      as="form"
      gap="s"
      aria-label={t("resources.requests.newTitle")}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Text as="h3" weight="semibold">
        {t("resources.requests.newTitle")}
      </Text>
      <FormField label={t("fields.resourceRequest.title")} required error={errorOf("title")}>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </FormField>
      <FormField label={t("fields.resourceRequest.area")} required error={errorOf("area")}>
        <Select value={area} onChange={(_, d) => setArea(d.value)}>
          <option value="">{t("resources.choose")}</option>
          {props.areas.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.title}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField
        label={t("fields.resourceRequest.initiative")}
        required
        error={errorOf("initiative")}
      >
        <Select value={initiative} onChange={(_, d) => setInitiative(d.value)}>
          <option value="">{t("resources.choose")}</option>
          {props.initiatives.map((i) => (
            <option key={i.id} value={String(i.id)}>
              {i.title}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField
        label={t("fields.resourceRequest.competence")}
        required
        error={errorOf("competence")}
      >
        <Select value={comp} onChange={(_, d) => setComp(d.value as Competence)}>
          {COMPETENCES.map((c) => (
            <option key={c} value={c}>
              {competence(c)}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField label={t("fields.resourceRequest.hours")} required error={errorOf("hours")}>
        <Input inputMode="decimal" value={hours} onChange={(_, d) => setHours(d.value)} />
      </FormField>
      <Stack direction="row" gap="s" wrap>
        <FormField
          label={t("fields.resourceRequest.neededFrom")}
          required
          error={errorOf("neededFrom")}
        >
          <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} />
        </FormField>
        <FormField label={t("fields.resourceRequest.neededTo")} error={errorOf("neededTo")}>
          <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} />
        </FormField>
      </Stack>
      <FormField label={t("fields.resourceRequest.message")} error={errorOf("message")}>
        <Textarea value={message} onChange={(_, d) => setMessage(d.value)} />
      </FormField>
      {problems.length > 0 ? <ProblemMessage problems={problems} /> : null}
      {send.isError ? <StoreErrorMessage error={send.error} /> : null}
      {notMailed ? <Text role="status">{t("resources.requests.notMailed")}</Text> : null}
      <Stack direction="row" gap="s">
        <Button appearance="primary" type="submit" disabled={send.isPending}>
          {t("resources.requests.send")}
        </Button>
        <Button onClick={props.onDone}>{t("resources.cancel")}</Button>
      </Stack>
    </Stack>
  );
}

function AnswerPanel(props: {
  request: ResourceRequest;
  resources: readonly Resource[];
  mayAnswer: boolean;
  onDone: () => void;
}) {
  const { t, competence, number, date, state } = useResourceFormat();
  const answer = useAnswerResourceRequest();
  const problemText = useProblemText();
  const [resource, setResource] = useState("");
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<Problem[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const r = props.request;
  useEffect(() => headingRef.current?.focus(), [r.id]);
  const act = async (a: Parameters<typeof answer.mutateAsync>[0]["answer"]) => {
    const out = await answer.mutateAsync({
      id: r.id,
      answer: a,
      initiative: r.initiative?.id ?? null,
    });
    if (out.ok) props.onDone();
    else setProblems(out.error);
  };
  const candidates = props.resources.filter(
    (x) => x.active && x.competences.includes(r.competence),
  );
  return (
    <Stack
      gap="s"
      as="section"
      aria-labelledby={`request-${r.id}`}
      data-testid={`request-panel-${r.id}`}
    >
      <h3 id={`request-${r.id}`} ref={headingRef} tabIndex={-1} style={{ margin: 0 }}>
        <Text weight="semibold">{t("resources.requests.panelTitle", { title: r.title })}</Text>
      </h3>
      <Text>
        {t("resources.requests.summary", {
          hours: number(r.hours ?? 0),
          competence: competence(r.competence),
          initiative: r.initiative?.title ?? "–",
          area: r.area?.title ?? "–",
          period: [r.neededFrom, r.neededTo]
            .filter(Boolean)
            .map((d) => date(d as string))
            .join(" – "),
        })}
      </Text>
      {r.message ? <Text>{r.message}</Text> : null}
      <Text>
        {t("fields.resourceRequest.state")}: {state(r.state)}
        {r.state === "Afvist" && r.reason ? ` – ${r.reason}` : ""}
      </Text>
      {props.mayAnswer && r.state === "Anmodet" ? (
        <>
          <FormField label={t("resources.requests.chooseResource")}>
            <Select value={resource} onChange={(_, d) => setResource(d.value)}>
              <option value="">{t("resources.requests.noPerson")}</option>
              {candidates.map((x) => (
                <option key={x.id} value={String(x.id)}>
                  {x.title}
                </option>
              ))}
            </Select>
          </FormField>
          <div>
            <Button
              appearance="primary"
              disabled={answer.isPending}
              onClick={() => {
                const x = props.resources.find((p) => String(p.id) === resource);
                void act({
                  kind: "confirm",
                  resource: x ? { id: x.id, title: x.title } : null,
                });
              }}
            >
              {t("resources.requests.confirm")}
            </Button>
          </div>
          <FormField
            label={t("fields.resourceRequest.reason")}
            error={(() => {
              const p = problems.find((x) => x.field === "reason");
              return p ? problemText(p) : undefined;
            })()}
          >
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
          </FormField>
          <div>
            <Button
              disabled={answer.isPending}
              onClick={() => void act({ kind: "refuse", reason })}
            >
              {t("resources.requests.refuse")}
            </Button>
          </div>
          {problems.length > 0 ? <ProblemMessage problems={problems} /> : null}
          {answer.isError ? <StoreErrorMessage error={answer.error} /> : null}
        </>
      ) : null}
    </Stack>
  );
}

export function RequestsSection(props: {
  me: Me;
  requests: readonly ResourceRequest[];
  areas: readonly Area[];
  resources: readonly Resource[];
  initiatives: readonly Ref<InitiativeId>[];
  maySend: boolean;
}) {
  const { t, competence, number, date, state } = useResourceFormat();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<number | null>(() =>
    typeof window === "undefined" ? null : linkedRequest(window.location.hash),
  );
  useEffect(() => {
    const onHash = () => {
      const id = linkedRequest(window.location.hash);
      if (id !== null) setSelected(id);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const headOf = (r: ResourceRequest) =>
    props.areas.find((a) => a.id === r.area?.id)?.head?.id === props.me.person.id;
  const chosen = props.requests.find((r) => r.id === selected);
  const sorted = [...props.requests].sort(
    (a, b) =>
      Number(b.state === "Anmodet") - Number(a.state === "Anmodet") ||
      b.created.localeCompare(a.created),
  );
  return (
    <Stack gap="s">
      {chosen ? (
        <AnswerPanel
          request={chosen}
          resources={props.resources}
          mayAnswer={headOf(chosen)}
          onDone={() => setSelected(null)}
        />
      ) : null}
      <DataTable<ResourceRequest>
        label={t("resources.requests.title")}
        rows={sorted}
        rowKey={(r) => r.id}
        rowTestId={(r) => `request-row-${r.id}`}
        empty={t("resources.requests.empty")}
        height="min(50vh, 28rem)"
        columns={[
          {
            key: "title",
            header: t("fields.resourceRequest.title"),
            cell: (r) => r.title,
            grow: 2,
          },
          {
            key: "area",
            header: t("fields.resourceRequest.area"),
            cell: (r) => r.area?.title ?? "–",
            priority: 3,
          },
          {
            key: "initiative",
            header: t("fields.resourceRequest.initiative"),
            cell: (r) => r.initiative?.title ?? "–",
            priority: 2,
          },
          {
            key: "competence",
            header: t("fields.resourceRequest.competence"),
            cell: (r) => competence(r.competence),
          },
          {
            key: "hours",
            header: t("fields.resourceRequest.hours"),
            cell: (r) => (r.hours === null ? "–" : number(r.hours)),
            align: "end",
            minWidth: 5,
          },
          {
            key: "period",
            header: t("resources.requests.period"),
            cell: (r) =>
              [r.neededFrom, r.neededTo]
                .filter(Boolean)
                .map((d) => date(d as string))
                .join(" – "),
            priority: 1,
          },
          {
            key: "state",
            header: t("fields.resourceRequest.state"),
            cell: (r) => state(r.state),
            minWidth: 7,
          },
          {
            key: "open",
            header: t("resources.requests.actions"),
            minWidth: 7,
            cell: (r) => (
              <Button
                size="small"
                aria-label={t("resources.requests.openOne", {
                  action:
                    headOf(r) && r.state === "Anmodet"
                      ? t("resources.requests.answer")
                      : t("resources.requests.show"),
                  title: r.title,
                })}
                onClick={() => setSelected(r.id)}
              >
                {headOf(r) && r.state === "Anmodet"
                  ? t("resources.requests.answer")
                  : t("resources.requests.show")}
              </Button>
            ),
          },
        ]}
      />
      {props.maySend && !creating ? (
        <div>
          <Button onClick={() => setCreating(true)}>{t("resources.requests.new")}</Button>
        </div>
      ) : null}
      {creating ? (
        <NewRequestForm
          areas={props.areas}
          initiatives={props.initiatives}
          onDone={() => setCreating(false)}
        />
      ) : null}
    </Stack>
  );
}
