/**
 * Fakes for Rapporter's tests: in-memory repositories with two initiatives on a recorded path
 * (one ongoing, one an idea, each with a 2 M budget line), the settings (Direktørforum's address,
 * Chefforum's channel, a 1 M larger-project threshold), a recording mailer, a fake channel and a
 * fake workbook writer.
 */
import type {
  ChannelAddress,
  ChannelMessage,
  ChannelMessageId,
  ChannelPostRequest,
  MailMessage,
} from "../../src/domain/communication.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import type { ReportSendPorts } from "../../src/use-cases/reports.js";
import { aBudgetLine, anInitiative, aSetting } from "./builders.js";
import { chair, me, member, secretary } from "./builders-lifecycle.js";
import { recordPath } from "./gates.js";
import { memoryRepositories } from "./memory-repositories.js";
import { sitePeopleOf } from "./site-people.js";

export const CHEFFORUM = { teamId: "team-cf", channelId: "chan-cf" };
export const SECRETARY = me(secretary, "secretary");
export const CHAIR = me(chair, "chair");
export const MEMBER = me(member, "member");

export class FakeChannel implements ChannelPoster {
  readonly messages: (ChannelMessage & { channel: ChannelAddress })[] = [];
  posts = 0;
  failNext: Error | null = null;
  private seq = 100;

  post(channel: ChannelAddress, request: ChannelPostRequest) {
    this.posts += 1;
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      return Promise.reject(e);
    }
    this.seq += 1;
    const message = {
      channel,
      id: String(this.seq) as ChannelMessageId,
      postedAt: "2026-12-08T10:00:00Z",
      webUrl: `https://teams.example/${this.seq}`,
      html: request.html,
      ...(request.subject ? { subject: request.subject } : {}),
    };
    this.messages.unshift(message);
    return Promise.resolve({ id: message.id, postedAt: message.postedAt, webUrl: message.webUrl });
  }

  list(channel: ChannelAddress, limit = 50) {
    return Promise.resolve(
      this.messages
        .filter((m) => m.channel.channelId === channel.channelId)
        .slice(0, limit)
        .map(({ channel: _c, ...m }) => m),
    );
  }
}

export async function reportsSetup(
  o: { address?: string; workbookBytes?: number; phases?: Phase[] } = {},
) {
  let current: Me = SECRETARY;
  const { memory, repositories } = memoryRepositories(() => current.person);
  const sent: MailMessage[] = [];
  let mailFailure: Error | null = null;
  const channel = new FakeChannel();
  const ports: ReportSendPorts = {
    repositories,
    people: sitePeopleOf(SECRETARY, CHAIR, MEMBER),
    currentUser: { me: () => Promise.resolve(current) },
    clock: { now: () => new Date("2026-12-08T10:00:00Z") },
    mailer: {
      send: (m) => {
        if (mailFailure) {
          const e = mailFailure;
          mailFailure = null;
          return Promise.reject(e);
        }
        sent.push(m);
        return Promise.resolve();
      },
    },
    channel,
    files: {
      writeWorkbook: (rows) =>
        Promise.resolve(new ArrayBuffer(o.workbookBytes ?? 1000 + rows.length)),
    },
  };
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.direktoerforumAddress, value: o.address ?? "df@kommune.dk" }),
    aSetting({ key: SETTING_KEYS.chefforumTeamId, value: CHEFFORUM.teamId }),
    aSetting({ key: SETTING_KEYS.chefforumChannelId, value: CHEFFORUM.channelId }),
    aSetting({ key: SETTING_KEYS.largerProjectThreshold, value: "1000000" }),
  );
  for (const [k, phase] of (o.phases ?? ["Gennemførelse", "Idé"]).entries()) {
    const i = await repositories.initiatives.add(anInitiative({ title: `Tiltag ${k + 1}`, phase }));
    await recordPath(repositories, { id: i.id, title: i.title }, phase);
    await repositories.budgetLines.add(
      aBudgetLine({ initiative: { id: i.id, title: i.title }, kind: "Anlæg", amount: 2_000_000 }),
    );
  }
  return {
    memory,
    ports,
    sent,
    channel,
    as: (next: Me) => {
      current = next;
    },
    failMail: (e: Error) => {
      mailFailure = e;
    },
  };
}
