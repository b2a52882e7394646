import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { createService, healthSetup, mustBook, setSchedule } from '../appointments/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';
import { ExcelJS } from './support/excel';

jest.setTimeout(300_000);

/** Tomorrow's date in Shanghai (the demo franchise's zone), whatever the machine's. */
const tomorrowInShanghai = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 86_400_000));
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, periods: [{ start: '08:00', end: '20:00' }] }));

/**
 * The appointment pages (预约管理) in the panel: a health manager books a follow-up at a free slot
 * of the calendar while the doctor's calendar, open on another page, shows it live; a slot taken
 * meanwhile is refused with the doctor's next free slots to pick; the search exports a real XLSX.
 */
describeInBrowser('appointment pages', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Caller;
  let agent: Caller;
  let east: Awaited<ReturnType<typeof healthSetup>>;
  let doctorId: string;
  let serviceId: string;
  let customer: { id: string; name: string; recordNo: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    [owner, agent] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo')]);
    east = await healthSetup(owner, 'east');
    // The demo's doctor at the health manager's store (a store's staff see their store's doctors and customers).
    doctorId = (await must<{ staffUsers: { nodes: { id: string }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "doctor2@east.demo" } }) { nodes { id } } }')).staffUsers.nodes[0]!.id;
    serviceId = (await createService(owner, { kind: 'FOLLOW_UP', name: '慢病复诊', durationMinutes: 30, bufferMinutes: 0 })).id;
    // The doctor sees customers at the health manager's store every day, so the test finds free slots on any date.
    await setSchedule(owner, { doctorId, storeId: east.storeIds[0], weeklyHours: EVERY_DAY, breaks: [{ start: '12:00', end: '13:00' }], slotMinutes: 30 });
    customer = (await must<{ customers: { nodes: { id: string; name: string; recordNo: string }[] } }>(owner, 'query($s: ID!) { customers(filter: { orgUnitId: { eq: $s } }, paging: { limit: 1 }, sorting: [{ field: recordNo, direction: ASC }]) { nodes { id name recordNo } } }', { s: east.storeIds[0] })).customers.nodes[0]!;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const freeSlots = (page: Page) => page.getByTestId('free-slot');
  async function pickCustomer(page: Page) {
    await chooseOption(page, page.getByTestId('booking-customer').locator('.ant-select'), customer.recordNo, { search: customer.name });
  }

  it('a health manager books a follow-up at a free slot; the doctor’s calendar shows it live; a taken slot offers the next ones', async () => {
    const date = tomorrowInShanghai();
    const calendar = `/appointments/calendar?by=doctor&view=day&date=${date}&doctorId=${doctorId}&serviceId=${serviceId}`;
    const [manager, watcher] = await Promise.all([signInPage(browser, app, 'manager@east.demo'), signInPage(browser, app, 'doctor2@east.demo')]);
    // The doctor's own calendar, on another page (no store chosen: every store's appointments; a doctor books nothing).
    await watcher.goto(calendar);
    await watcher.locator('[data-testid="calendar-day"]').first().waitFor();
    const before = await watcher.getByTestId('calendar-appointment').count();

    await manager.goto(`${calendar}&storeId=${east.storeIds[0]}`);
    await freeSlots(manager).first().waitFor();
    expect(await manager.locator('body').innerText()).toContain('预约日历');
    const first = (await freeSlots(manager).first().getAttribute('data-start'))!;
    await freeSlots(manager).first().click();
    await pickCustomer(manager);
    await manager.getByTestId('book-submit').click();
    // Booked: the slot turns into the appointment on the manager's calendar and, live, on the doctor's.
    await manager.locator(`[data-testid="calendar-appointment"][data-start="${first}"]`).waitFor();
    const live = watcher.locator(`[data-testid="calendar-appointment"][data-start="${first}"]`);
    await live.waitFor({ timeout: 20_000 });
    expect(await live.innerText()).toContain(customer.name);
    await screenshot(watcher, 'appointment-calendar-live');

    // The next free slot: the manager opens its form, someone else books it meanwhile.
    const second = (await freeSlots(manager).first().getAttribute('data-start'))!;
    expect(second).not.toBe(first);
    await freeSlots(manager).first().click();
    await pickCustomer(manager);
    await mustBook(agent, { customerId: customer.id, doctorId, storeId: east.storeIds[0], serviceId, startsAt: second, channel: 'PHONE' });
    await manager.getByTestId('book-submit').click();
    const taken = manager.getByTestId('slot-taken');
    await taken.waitFor();
    expect(await taken.innerText()).toContain('该时段已被预约');
    const offered = taken.getByTestId('next-slot');
    expect(await offered.count()).toBeGreaterThan(0);
    const third = (await offered.first().getAttribute('data-start'))!;
    expect([first, second]).not.toContain(third);
    await screenshot(manager, 'appointment-slot-taken');
    await offered.first().click();
    await manager.getByTestId('book-submit').click();
    await manager.locator(`[data-testid="calendar-appointment"][data-start="${third}"]`).waitFor();
    const { appointments } = await must<{ appointments: { nodes: { startsAt: string; status: string }[] } }>(owner, 'query($d: ID!, $v: ID!) { appointments(filter: { doctorId: { eq: $d }, serviceId: { eq: $v } }) { nodes { startsAt status } } }', { d: doctorId, v: serviceId });
    expect(await watcher.getByTestId('calendar-appointment').count()).toBeGreaterThan(before);
    expect(appointments.nodes.map((a) => a.startsAt)).toEqual([first, second, third]);
    await Promise.all([manager.context().close(), watcher.context().close()]);
  });

  it('finds the customer’s appointments and exports them as a real Excel workbook with Chinese headers', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/appointments');
    const box = page.getByTestId('list-search').locator('input').or(page.locator('input[data-testid="list-search"]')).first();
    await box.fill(customer.name);
    await box.press('Enter');
    await page.waitForURL(/filters/);
    await page.getByTestId('appointment-table').locator('tbody tr', { hasText: customer.name }).nth(2).waitFor();
    await page.getByTestId('appointment-stats').locator('tbody tr').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('appointments-export').hover();
    await page.locator('.ant-dropdown:visible').getByText('导出 Excel').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^预约查询-.*\.xlsx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'appointments-')), file.suggestedFilename());
    await file.saveAs(saved);
    // exceljs is the panel's own dependency: read the workbook back with it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values.slice(1, 5)).toEqual(['预约号', '时间', '状态', '客户']);
    const customers = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(4).value));
    expect(customers.length).toBeGreaterThanOrEqual(3);
    expect(customers.every((name) => name.includes(customer.name))).toBe(true);
    await page.context().close();
  });
});
