import { DEMO_PASSWORD } from './harness.js';
import { freshCode, secondFactorSecretOf } from './totp.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOTS = join(process.cwd(), 'test', 'screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** `describe` when Chromium is installed; otherwise the suite is skipped with a message saying why. */
export function describeBrowser(name: string, fn: () => void) {
  if (HAS_CHROMIUM) return describe(name, fn);
  // eslint-disable-next-line no-console
  console.warn(`[browser] ${name}: skipped, ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)`);
  return describe.skip(name, fn);
}

/** Builds web/dist when missing or older than its sources (a no-op on the second suite of a run). */
export function ensureWebBuilt() {
  execFileSync(process.execPath, [join(process.cwd(), 'scripts', 'build-web-if-stale.mjs')], { stdio: 'inherit' });
}

export function launchBrowser(): Promise<Browser> {
  // The pages mark what tests touch with data-test="…".
  selectors.setTestIdAttribute('data-test');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Every request the page makes must go to our own server (the intranet is offline), and nothing it
 * does may be refused by the Content-Security-Policy (a refusal is listed too, as `CSP: …`).
 */
export function trackForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) foreign.push(`CSP: ${message.text().slice(0, 300)}`);
  });
  return foreign;
}

export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  // The header is sticky: from the top, a full-page shot draws it once, where it belongs.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(left: number, top: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

/** Fills the log-in form the page shows and submits it (the demo password unless another is given). */
export async function submitLogin(page: Page, username: string, password: string = DEMO_PASSWORD) {
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs in through the log-in page (the demo password unless another is given) and waits to leave it. */
export async function loginAs(page: Page, url: string, username: string, password: string = DEMO_PASSWORD) {
  await page.goto(`${url}/login`);
  await submitLogin(page, username, password);
  await enterSecondFactor(page, url, username);
  await page.waitForURL((url2) => !url2.pathname.startsWith('/login'));
}

/** The demo's privileged accounts (and any a test bound) have a second factor: the page asks for the code after the password. */
export async function enterSecondFactor(page: Page, url: string, username: string) {
  if (!secondFactorSecretOf(url, username)) return;
  await page.getByTestId('otp').waitFor();
  await page.getByTestId('otp').fill(await freshCode(url, username));
  await page.getByTestId('login-submit').click();
}

/** Polls `read` until `ok` accepts its value (the page updates after a round trip); returns the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let result = await read();
  while (!ok(result) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    result = await read();
  }
  return result;
}

/** Answers the confirmation box the page shows (Element Plus ElMessageBox) and returns its message. */
export async function answerConfirm(page: Page, answer: 'confirm' | 'cancel'): Promise<string> {
  const box = page.locator('.el-message-box').last();
  await box.waitFor();
  const message = (await box.locator('.el-message-box__message').textContent()) ?? '';
  await box.locator(answer === 'confirm' ? '.el-button--primary' : '.el-message-box__btns .el-button:not(.el-button--primary)').click();
  await box.waitFor({ state: 'hidden' });
  return message;
}

/** What the page functions below read of an element (the tests' TypeScript has no DOM library). */
interface Shown {
  tagName: string;
  className: string;
  textContent: string | null;
  offsetParent: unknown;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  closest(selector: string): unknown;
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<Shown>; scrollingElement: { scrollWidth: number; clientWidth: number } };
}

/** Every visible control a finger presses (and those `extra` selects), with its height, left to right, top to bottom. */
export async function touchTargets(page: Page, extra: string[] = []): Promise<{ what: string; height: number }[]> {
  return page.evaluate((more) => {
    const { document } = globalThis as unknown as PageGlobals;
    const selector = [
      'button',
      '.el-input__wrapper',
      '.el-select__wrapper',
      '.el-radio-button__inner',
      '.el-pagination .number',
      '[data-test="feedback-button"]',
      ...more,
    ].join(',');
    return [...document.querySelectorAll(selector)]
      .filter((element) => element.offsetParent !== null && element.getBoundingClientRect().width > 0)
      .filter((element) => !element.closest('.el-table__header, .el-dialog, .el-drawer, .el-popper'))
      .map((element) => ({
        what: `${element.tagName.toLowerCase()}.${element.className} “${(element.textContent ?? '').trim().slice(0, 12)}${element.getAttribute('aria-label') ?? ''}”`,
        height: Math.round(element.getBoundingClientRect().height * 10) / 10,
      }));
  }, extra);
}

/** How far the page scrolls sideways (0: it fits the window). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { scrollingElement } = (globalThis as unknown as PageGlobals).document;
    return scrollingElement.scrollWidth - scrollingElement.clientWidth;
  });
}
