import type { Browser, Locator, Page } from 'playwright-core';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(300_000);

interface TeamRow { id: string; version: number; name: string; orgUnitId: string; leaderId: string | null; memberIds: string[] }

/**
 * Picks `text` among the options of the antd Select `select` (typed into its search, where it has
 * one), in that select's own dropdown (the one closed before it can still be fading out), until
 * the select shows it.
 */
async function pick(page: Page, select: Locator, text: string, search = true) {
  await chooseOption(page, select, new RegExp(`^${text}$`), search ? { search: text } : {});
}

/**
 * 班组管理 through the panel (real Chromium): the franchise owner forms a team under the service
 * center with two members and one of them as leader, sees it listed under its unit with its
 * members, edits it (renamed, a member swapped, the leader changed); an edit made meanwhile by
 * someone else is a version conflict said so on the page; an agent has no such page.
 */
describeInBrowser('teams: forming and editing a team', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Caller;
  let names: Map<string, { id: string; name: string }>;
  let center: { id: string; name: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    owner = await signIn(app, 'owner@east.demo');
    const staff = (await must<{ staffUsers: { nodes: { id: string; email: string; displayName: string }[] } }>(owner, '{ staffUsers(paging: { limit: 100 }) { nodes { id email displayName } } }')).staffUsers.nodes;
    names = new Map(staff.map((s) => [s.email, { id: s.id, name: s.displayName }]));
    const units = (await must<{ orgUnits: { nodes: { id: string; name: string; kind: string; code: string | null }[] } }>(owner, '{ orgUnits(paging: { limit: 100 }) { nodes { id name kind code } } }')).orgUnits.nodes;
    center = units.find((u) => u.kind === 'DEPARTMENT' && u.code?.endsWith('-CS'))!;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a team with members and a leader, lists it under its unit, edits it, and says so when someone else edited it first', async () => {
    const agent2 = names.get('agent2@east.demo')!;
    const supervisor = names.get('supervisor@east.demo')!;
    const pharmacist = names.get('pharmacist@east.demo')!;
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/teams');
    await page.getByTestId('team-table').waitFor();
    expect(await page.locator('body').innerText()).toContain('班组管理');
    // The demo's teams are listed with their unit.
    await page.locator('[data-testid="team-row"]').filter({ hasText: '客服一组' }).waitFor();
    expect(await page.locator('[data-testid="team-row"]').filter({ hasText: '客服一组' }).innerText()).toContain(center.name);

    // Form a team: name, unit, two members, the leader one of them.
    await page.getByTestId('team-create').click();
    const form = page.getByTestId('team-form');
    await form.waitFor();
    await page.getByTestId('team-name').fill('夜班组');
    await pick(page, form.locator('.ant-form-item').filter({ hasText: '所属门店/部门' }).locator('.ant-select'), center.name);
    await pick(page, page.getByTestId('team-members'), agent2.name);
    await pick(page, page.getByTestId('team-members'), supervisor.name);
    await page.keyboard.press('Escape');
    await pick(page, page.getByTestId('team-leader'), supervisor.name, false); // no search
    await page.getByTestId('team-save').click();
    await page.getByText('班组已创建').waitFor();
    const row = page.locator('[data-testid="team-row"]').filter({ hasText: '夜班组' });
    await row.waitFor();
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells.slice(0, 3)).toEqual([center.name, '夜班组', supervisor.name]);
    expect(cells[3]).toContain(agent2.name);
    expect(cells[3]).toContain(supervisor.name);
    expect(cells[4]).toBe('2');
    const created = (await must<{ teams: TeamRow[] }>(owner, '{ teams { id version name orgUnitId leaderId memberIds } }')).teams.find((t) => t.name === '夜班组')!;
    expect([created.orgUnitId, created.leaderId, [...created.memberIds].sort()]).toEqual([center.id, supervisor.id, [agent2.id, supervisor.id].sort()]);
    await screenshot(page, 'teams');

    // Edit: renamed, the supervisor swapped for the pharmacist, agent2 leads.
    await row.getByTestId('team-edit').click();
    await form.waitFor();
    await page.getByTestId('team-name').fill('晚班组');
    await page.getByTestId('team-members').locator('.ant-select-selection-item').filter({ hasText: supervisor.name }).locator('.ant-select-selection-item-remove').click();
    await pick(page, page.getByTestId('team-members'), pharmacist.name);
    await page.keyboard.press('Escape');
    await pick(page, page.getByTestId('team-leader'), agent2.name, false);
    await page.getByTestId('team-save').click();
    await page.getByText('班组已保存').waitFor();
    const renamed = page.locator('[data-testid="team-row"]').filter({ hasText: '晚班组' });
    await renamed.waitFor();
    const after = (await renamed.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(after.slice(0, 3)).toEqual([center.name, '晚班组', agent2.name]);
    expect(after[3]).toContain(pharmacist.name);
    expect(after[3]).not.toContain(supervisor.name);
    expect(await page.locator('[data-testid="team-row"]').filter({ hasText: '夜班组' }).count()).toBe(0);

    // Someone else renames it while the form is open: saving says so, and the list shows their edit.
    await renamed.getByTestId('team-edit').click();
    await form.waitFor();
    const current = (await must<{ teams: TeamRow[] }>(owner, '{ teams { id version name orgUnitId leaderId memberIds } }')).teams.find((t) => t.name === '晚班组')!;
    await must(owner, 'mutation($i: UpdateOneTeamInput!) { updateOneTeam(input: $i) { id } }', { i: { id: current.id, version: current.version, update: { name: '早班组' } } });
    await page.getByTestId('team-name').fill('中班组');
    await page.getByTestId('team-save').click();
    expect(await page.getByTestId('team-conflict').innerText()).toContain('晚班组');
    await page.locator('[data-testid="team-row"]').filter({ hasText: '早班组' }).waitFor();
    await page.context().close();

    // An agent has no team management.
    const agentPage = await signInPage(browser, app, 'agent@east.demo');
    await agentPage.goto('/teams');
    await agentPage.getByTestId('forbidden').waitFor();
    await agentPage.context().close();
  });
});
