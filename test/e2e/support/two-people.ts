import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { openPerson, type Person } from './browser';
import { registerViaApi, signInViaUi, type Account } from './people';
import { ApiActor } from './seed';

export interface Member {
  account: Account;
  /** Has seen the other's writes, so what it reads next includes them. */
  api: ApiActor;
}

/** A member with a browser context of their own, signed in. */
export type Participant = Member & Person;

type Who = { prefix: string; displayName: string };
type GroupInput = { name: string; description: string; interests: string[] };

/** Two people registered through the API: the owner of a public group, and one who has joined it. */
export async function sharedGroup(app: TestApp, [first, second]: [Who, Who], group: GroupInput): Promise<{ groupId: string; owner: Member; joiner: Member }> {
  const [ownerAccount, joinerAccount] = await Promise.all([registerViaApi(app, first), registerViaApi(app, second)]);
  const [ownerApi, joinerApi] = await Promise.all([ApiActor.signIn(app, ownerAccount), ApiActor.signIn(app, joinerAccount)]);
  const groupId = await ownerApi.createGroup(group);
  await joinerApi.seen(ownerApi.lastPosition).join(groupId);
  ownerApi.seen(joinerApi.lastPosition);
  return { groupId, owner: { account: ownerAccount, api: ownerApi }, joiner: { account: joinerAccount, api: joinerApi } };
}

/** The same two, each signed in through the form in a browser context of their own (on Discover). */
export async function twoInAGroup(
  app: TestApp,
  browser: Browser,
  who: [Who, Who],
  group: GroupInput,
): Promise<{ groupId: string; owner: Participant; joiner: Participant }> {
  const [{ groupId, owner, joiner }, ownerPerson, joinerPerson] = await Promise.all([
    sharedGroup(app, who, group),
    openPerson(browser, app.url),
    openPerson(browser, app.url),
  ]);
  await Promise.all([signInViaUi(ownerPerson.page, owner.account), signInViaUi(joinerPerson.page, joiner.account)]);
  return { groupId, owner: { ...owner, ...ownerPerson }, joiner: { ...joiner, ...joinerPerson } };
}

/** Opens the group's chat for each, ready to type. */
export async function openChat(groupId: string, ...people: Person[]): Promise<void> {
  await Promise.all(
    people.map(async ({ page }) => {
      await page.goto(`/groups/${groupId}`);
      await page.getByTestId('composer-input').waitFor();
    }),
  );
}
