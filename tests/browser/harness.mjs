// Shared machinery of vka's browser tests (run.mjs, and one file per area):
// a fresh `vka demo` workspace, users made with `vka user add`, the real
// server on a free loopback port, Debian's headless Chromium driven by
// playwright-core, named steps with screenshots, and helpers that sign in
// and call the API from the page.
//
// A test file does:
//   const h = await Harness.create('name', { users, timeoutMs });
//   h.run(async () => { h.prepare(); await h.start(); ... await h.step(...) });

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const kChromium = '/usr/bin/chromium';
const kChromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const kActionTimeoutMs = 10_000;
const kServerStartMs = 20_000;

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export class Harness {
  // Checks the prerequisites (playwright-core, chromium, the vka binary in
  // argv[2]) and exits 1 or 2 with the fix when one is missing.
  // users: {key: {name, role, password}}; passwords are changed at first login.
  static async create(name, { users = {}, timeoutMs = 150_000 } = {}) {
    let chromium;
    try {
      ({ chromium } = await import('playwright-core'));
    } catch (error) {
      console.error(`${name}: playwright-core is missing (${error.message}); run scripts/install-deps.sh (npm ci in tests/browser)`);
      process.exit(1);
    }
    if (!fs.existsSync(kChromium)) {
      console.error(`${name}: ${kChromium} is missing; run scripts/install-deps.sh (Debian package chromium)`);
      process.exit(1);
    }
    const vka = process.argv[2];
    if (!vka || !fs.existsSync(vka)) {
      console.error(`usage: node ${path.basename(process.argv[1])} /path/to/vka`);
      process.exit(2);
    }
    return new Harness(name, chromium, vka, users, timeoutMs);
  }

  constructor(name, chromium, vka, users, timeoutMs) {
    this.name = name;
    this.chromium = chromium;
    this.vka = vka;
    this.users = users;
    this.timeoutMs = timeoutMs;
    this.work = fs.mkdtempSync(path.join(os.tmpdir(), `vka-${name}-`));
    this.workspace = path.join(this.work, 'ws');
    this.shots = path.resolve('screenshots');
    fs.rmSync(this.shots, { recursive: true, force: true });
    fs.mkdirSync(this.shots, { recursive: true });
    this.unique = crypto.randomBytes(4).toString('hex');
    this.server = null;
    this.context = null;
    this.page = null;
    this.base = '';
    this.results = [];
    this.pageProblems = [];
  }

  // Runs `vka -w WORKSPACE args...`; throws with stderr on a non-zero exit.
  vkaRun(args, input) {
    const result = spawnSync(this.vka, ['-w', this.workspace, ...args], { input, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`vka ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    }
    return result.stdout;
  }

  // A fresh demo workspace with the harness's users.
  prepare() {
    const demo = spawnSync(this.vka, ['demo', this.workspace], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`vka demo failed: ${demo.stderr}`);
    for (const user of Object.values(this.users)) {
      this.vkaRun(['user', 'add', user.name, '--role', user.role, '--password-stdin'], `${user.password}\n`);
    }
  }

  // Starts the server and Chromium; this.page is the page to drive.
  async start() {
    this.base = await this.startServer();
    await this.waitHealthy();
    console.log(`server at ${this.base}, workspace ${this.workspace}`);
    this.context = await this.chromium.launchPersistentContext(path.join(this.work, 'chromium-profile'), {
      executablePath: kChromium,
      headless: true,
      args: kChromiumArgs,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: false,
    });
    this.context.setDefaultTimeout(kActionTimeoutMs);
    const page = this.context.pages()[0] || (await this.context.newPage());
    page.on('pageerror', (error) => this.pageProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      // Refused requests (401 before login, 403 for a viewer) are expected;
      // CSP violations and script errors are not.
      if (message.type() === 'error' && !text.startsWith('Failed to load resource')) this.pageProblems.push(`console: ${text}`);
    });
    this.page = page;
    return page;
  }

  startServer() {
    return new Promise((resolve, reject) => {
      this.server = spawn(this.vka, ['-w', this.workspace, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      const timer = setTimeout(() => reject(new Error(`server did not start in ${kServerStartMs} ms:\n${log}`)), kServerStartMs);
      const onData = (chunk) => {
        log += chunk.toString();
        const match = log.match(/serving .* at (https?:\/\/[^\s]+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1].replace(/\/$/, ''));
        }
      };
      this.server.stdout.on('data', onData);
      this.server.stderr.on('data', onData);
      this.server.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}):\n${log}`));
      });
    });
  }

  async waitHealthy() {
    const deadline = Date.now() + kServerStartMs;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.base}/healthz`);
        if (response.ok) return;
      } catch (_) {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server never became healthy');
  }

  async cleanup() {
    if (this.context) await this.context.close().catch(() => {});
    if (this.server && this.server.exitCode === null) {
      this.server.removeAllListeners('exit');
      this.server.kill('SIGTERM');
    }
    fs.rmSync(this.work, { recursive: true, force: true });
  }

  // Runs one named step; a failure is recorded with a screenshot and the
  // next step still runs.
  async step(name, fn) {
    const started = Date.now();
    try {
      await fn();
      this.results.push({ name, ok: true });
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      this.results.push({ name, ok: false, error });
      console.log(`FAIL ${name}: ${error.message.split('\n').slice(0, 6).join('\n     ')}`);
      if (this.page) {
        await this.page.screenshot({ path: path.join(this.shots, `FAILED-${name.replace(/\W+/g, '_')}.png`), fullPage: true }).catch(() => {});
      }
    }
  }

  async shot(name) {
    await this.page.screenshot({ path: path.join(this.shots, `${name}.png`), fullPage: true });
  }

  // The last step of every file: no script error or CSP violation happened.
  async stepNoPageProblems() {
    await this.step('no script errors or CSP violations', async () => {
      check(this.pageProblems.length === 0, this.pageProblems.join('\n'));
    });
  }

  async submitLogin(user, { keyboard = false } = {}) {
    const page = this.page;
    await page.waitForSelector('#login-form');
    if (keyboard) {
      // Keyboard only: the name field has the focus; Tab to the password; Enter.
      check(await page.evaluate(() => document.activeElement.id === 'login-name'), 'the sign-in page does not focus the name field');
      await page.keyboard.type(user.name);
      await page.keyboard.press('Tab');
      await page.keyboard.type(user.password);
      await page.keyboard.press('Enter');
    } else {
      await page.fill('#login-name', user.name);
      await page.fill('#login-password', user.password);
      await page.click('#login-form button[type=submit]');
    }
    await page.waitForSelector('#current-user');
    check((await page.textContent('#current-user')) === user.name, 'the header does not name the signed-in user');
  }

  // Signs in; a new account (its password set with `vka user add`) is sent
  // to change its password first, then signs in again with the new one.
  async login(user, options = {}) {
    const page = this.page;
    await page.goto(`${this.base}/`);
    await page.waitForURL(/\/app\/login/);
    await this.submitLogin(user, options);
    if (!page.url().includes('/app/password')) return;
    await page.waitForSelector('#must-change');
    const refused = await this.pageApi('GET', '/api/v1/records?kind=source&limit=1');
    check(refused.status === 403, `before the password change the server answered ${refused.status}, not 403`);
    const fresh = `${user.password}-changed`;
    await page.fill('#pw-current', user.password);
    await page.fill('#pw-new', fresh);
    await page.fill('#pw-repeat', fresh);
    await page.click('#password-form button[type=submit]');
    await page.waitForURL(/\/app\/login/);
    user.password = fresh;
    await this.submitLogin(user, options);
    check(!page.url().includes('/app/password'), 'still asked to change the password after changing it');
  }

  async logout() {
    await this.page.click('#logout');
    await this.page.waitForURL(/\/app\/login/);
  }

  // An API call made by the page itself, with its session cookie and CSRF token.
  async pageApi(method, url, body) {
    return this.page.evaluate(async ({ method, url, body }) => {
      const session = await fetch('/api/v1/session');
      const csrf = session.ok ? (await session.json()).csrf : '';
      const response = await fetch(url, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    }, { method, url, body });
  }

  // Runs main under the overall time limit, cleans up, prints the summary
  // and exits 0 only when at least one step ran and every step passed.
  run(main) {
    const overall = setTimeout(() => {
      console.error(`${this.name}: gave up after ${this.timeoutMs / 1000} s`);
      this.cleanup().finally(() => process.exit(1));
    }, this.timeoutMs);
    main()
      .catch((error) => {
        this.results.push({ name: 'setup', ok: false, error });
        console.log(`FAIL setup: ${error.message}`);
      })
      .finally(async () => {
        clearTimeout(overall);
        await this.cleanup();
        const failed = this.results.filter((r) => !r.ok);
        console.log(`\n${this.results.length - failed.length} passed, ${failed.length} failed; screenshots in ${this.shots}`);
        process.exit(failed.length || !this.results.length ? 1 : 0);
      });
  }
}
