/**
 * Indstillinger (`#/indstillinger`): the committee's configuration, for the site's owners and
 * the secretariat. Teams and channels are picked from the signed-in user's own teams (Graph),
 * never typed as ids; every other value is checked by its rule before anything is written, and
 * each is written at the version read, so a change made meanwhile by someone else is refused
 * with their name. Other roles are told who may use the page, and nothing is read for them.
 */
import {
  Button,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Problem } from "../../domain/problems.js";
import {
  type EditedSetting,
  mayEditSettings,
  VOCABULARIES,
  type VocabularySetting,
} from "../../domain/settings.js";
import type { Competence, Source } from "../../domain/vocabulary.js";
import type { SaveSettingsResult, SettingsPage } from "../../use-cases/settings.js";
import {
  FormField,
  ProblemMessage,
  QueryBoundary,
  Stack,
  TextField,
  useProblemText,
  useVocabulary,
} from "../components/index.js";
import { useMe } from "../queries/index.js";
import { useMyTeams, useSaveSettings, useSettings, useTeamChannels } from "../queries/settings.js";
import { formStateOf, settingsFormReducer, valuesOf } from "./form-state.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "60rem",
  },
  heading: { margin: 0 },
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  pair: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  synonyms: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(18rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
});

export default function SettingsView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const allowed = me.data ? mayEditSettings(me.data) : false;
  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("settings.title")}
        </Text>
      </h1>
      {me.isPending ? (
        <Spinner size="small" label={t("kit.loading")} />
      ) : allowed ? (
        <SettingsEditor />
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("settings.onlyOwners")}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function SettingsEditor() {
  const { t } = useTranslation();
  const settings = useSettings(true);
  const save = useSaveSettings();
  const [result, setResult] = useState<SaveSettingsResult | null>(null);
  return (
    <Stack gap="l">
      <Text as="p">{t("settings.intro")}</Text>
      <div role="status" aria-live="polite">
        {result?.ok ? (
          <MessageBar intent="success">
            <MessageBarBody>
              {result.written.length === 0 ? t("settings.nothingChanged") : t("settings.saved")}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {result && !result.ok ? <NotSaved problems={result.problems} /> : null}
      <QueryBoundary query={settings} isEmpty={() => false}>
        {(page) => (
          <SettingsForm
            key={settings.dataUpdatedAt}
            page={page}
            saving={save.isPending}
            problems={result && !result.ok ? result.problems : []}
            onSave={(edited) => {
              setResult(null);
              save.mutate({ read: page, edited }, { onSuccess: setResult });
            }}
          />
        )}
      </QueryBoundary>
      {save.isError ? <ProblemMessage problems={[{ code: "settings.problem.failed" }]} /> : null}
    </Stack>
  );
}

/** What was not saved, each problem after the name of its setting. */
function NotSaved({ problems }: { problems: readonly Problem[] }) {
  const { t } = useTranslation();
  const text = useProblemText();
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("settings.notSaved")}</MessageBarTitle>
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {p.field ? `${t(`settings.fields.${fieldLabelKey(p.field)}`)}: ` : ""}
              {text(p)}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** The label of a setting named by a problem (team and channel ids by their picker's words). */
function fieldLabelKey(field: string): string {
  const ids: Record<string, string> = {
    committeeTeamId: "committeeTeam",
    committeeChannelId: "committeeChannel",
    chefforumTeamId: "chefforumTeam",
    chefforumChannelId: "chefforumChannel",
  };
  return ids[field] ?? field;
}

function SettingsForm(props: {
  page: SettingsPage;
  saving: boolean;
  problems: readonly Problem[];
  onSave: (values: ReturnType<typeof valuesOf>) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const problemText = useProblemText();
  const [state, dispatch] = useReducer(settingsFormReducer, props.page.values, formStateOf);
  const errorOf = (field: EditedSetting) => {
    const found = props.problems.filter((p) => p.field === field);
    return found.length > 0 ? found.map(problemText).join(" ") : undefined;
  };
  const text = (name: Exclude<EditedSetting, VocabularySetting | `${string}Id`>) => (
    <TextField
      label={t(`settings.fields.${name}`)}
      hint={t(`settings.hints.${name}`)}
      value={state.values[name]}
      onChange={(value) => dispatch({ kind: "set", name, value })}
      error={errorOf(name)}
      {...(name === "budgetYears" ? { required: true } : {})}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(valuesOf(state));
      }}
    >
      <Stack gap="l">
        <Card className={styles.card}>
          <h2 className={styles.heading}>
            <Text as="span" size={500} weight="semibold">
              {t("settings.sections.channels")}
            </Text>
          </h2>
          <Text as="p">{t("settings.channelsIntro")}</Text>
          {(["committee", "chefforum"] as const).map((forum) => (
            <ChannelPicker
              key={forum}
              forum={forum}
              teamId={state.values[`${forum}TeamId`]}
              channelId={state.values[`${forum}ChannelId`]}
              onTeam={(value) => dispatch({ kind: "team", name: `${forum}TeamId`, value })}
              onChannel={(value) => dispatch({ kind: "set", name: `${forum}ChannelId`, value })}
              teamError={errorOf(`${forum}TeamId`)}
              channelError={errorOf(`${forum}ChannelId`)}
            />
          ))}
        </Card>
        <Card className={styles.card}>
          <h2 className={styles.heading}>
            <Text as="span" size={500} weight="semibold">
              {t("settings.sections.committee")}
            </Text>
          </h2>
          <div className={styles.pair}>
            {text("direktoerforumAddress")}
            {text("minMeetingsPerYear")}
            {text("budgetYears")}
            {text("largerProjectThreshold")}
          </div>
        </Card>
        {(Object.keys(VOCABULARIES) as VocabularySetting[]).map((vocabulary) => (
          <Card key={vocabulary} className={styles.card}>
            <h2 className={styles.heading}>
              <Text as="span" size={500} weight="semibold">
                {t(`settings.sections.${vocabulary}`)}
              </Text>
            </h2>
            <Text as="p">{t("settings.synonymsIntro")}</Text>
            {errorOf(vocabulary) ? (
              <ProblemMessage problems={props.problems.filter((p) => p.field === vocabulary)} />
            ) : null}
            <div className={styles.synonyms}>
              {VOCABULARIES[vocabulary].map((choice) => (
                <SynonymField
                  key={choice}
                  vocabulary={vocabulary}
                  choice={choice}
                  value={state.synonyms[vocabulary][choice] ?? ""}
                  onChange={(text) => dispatch({ kind: "synonyms", vocabulary, choice, text })}
                />
              ))}
            </div>
          </Card>
        ))}
        <div>
          <Button appearance="primary" type="submit" disabled={props.saving}>
            {props.saving ? t("settings.saving") : t("settings.save")}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function SynonymField(props: {
  vocabulary: VocabularySetting;
  choice: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const words = useVocabulary();
  // Sources have words in both languages; competences are shown as the list stores them.
  const choice =
    props.vocabulary === "sourceSynonyms"
      ? words.source(props.choice as Source)
      : words.competence(props.choice as Competence);
  const label = t("settings.synonymsOf", { choice });
  return <TextField label={label} value={props.value} onChange={props.onChange} />;
}

function ChannelPicker(props: {
  forum: "committee" | "chefforum";
  teamId: string;
  channelId: string;
  onTeam: (id: string) => void;
  onChannel: (id: string) => void;
  teamError: string | undefined;
  channelError: string | undefined;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const teams = useMyTeams(true);
  const member = teams.data?.some((x) => x.id === props.teamId) ?? false;
  const channels = useTeamChannels(props.teamId, member);
  const teamSelect = useId();
  const notMember = props.teamId !== "" && teams.data !== undefined && !member;
  return (
    <Stack gap="s" role="group" aria-labelledby={teamSelect}>
      <Text id={teamSelect} weight="semibold">
        {t(`settings.forum.${props.forum}`)}
      </Text>
      <div className={styles.pair}>
        <FormField
          label={t("settings.fields.team")}
          error={props.teamError}
          {...(notMember ? { hint: t("settings.notMember") } : {})}
        >
          <Select
            value={props.teamId}
            onChange={(_, d) => props.onTeam(d.value)}
            disabled={teams.isPending}
          >
            <option value="">{t("settings.noTeam")}</option>
            {notMember ? (
              <option value={props.teamId}>
                {t("settings.currentTeam", { id: props.teamId })}
              </option>
            ) : null}
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.displayName}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField
          label={t("settings.fields.channel")}
          error={props.channelError}
          {...(channels.isError ? { hint: t("settings.channelsFailed") } : {})}
        >
          <Select
            value={props.channelId}
            onChange={(_, d) => props.onChannel(d.value)}
            disabled={props.teamId === "" || (member && channels.isPending)}
          >
            <option value="">{t("settings.noChannel")}</option>
            {!member && props.channelId ? (
              <option value={props.channelId}>
                {t("settings.currentChannel", { id: props.channelId })}
              </option>
            ) : null}
            {(channels.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      {teams.isError ? (
        <ProblemMessage problems={[{ code: "settings.problem.teamsFailed" }]} intent="warning" />
      ) : null}
    </Stack>
  );
}
