// The auditor examines a finished campaign in Cockpit, as a person would: log in, open Campaigns, find the campaign
// among the published ones, open its evidence (the trail's check, reviewers, deliveries, the timeline), export the
// audit package as JSON and CSV (the downloads are read back), then look at Cockpit's own pages of the campaign's
// process for anything she could change, and at a campaign whose trail was tampered with. An administrator opens the
// same process instance for comparison: the controls hidden from the auditor are there for him.
// Usage: node evidence-view.mjs (configured by environment: BASE_URL, USER_NAME, PASSWORD, ADMIN_USER, ADMIN_PASSWORD,
// CAMPAIGN_TITLE, RUNNING_INSTANCE, FINISHED_INSTANCE, DEFINITION, TAMPERED_ID, SCREENSHOTS, CHROMIUM).
// Prints one JSON line with what the users saw.
import { mkdirSync, readFileSync } from 'node:fs';
import { env, launch, logIn } from './webapps.mjs';

const baseUrl = env('BASE_URL');
const user = env('USER_NAME', 'ada');
const password = env('PASSWORD', 'demo');
const admin = env('ADMIN_USER', 'admin');
const adminPassword = env('ADMIN_PASSWORD', 'demo');
const campaignTitle = env('CAMPAIGN_TITLE');
const runningInstance = env('RUNNING_INSTANCE');
const finishedInstance = env('FINISHED_INSTANCE');
const definition = env('DEFINITION');
const tamperedId = env('TAMPERED_ID');
const screenshots = env('SCREENSHOTS', 'target/screenshots');
mkdirSync(screenshots, { recursive: true });
const cockpit = `${baseUrl}/camunda/app/cockpit/default/`;

const browser = await launch();
const problems = [];
const log = [];

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    log.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    if (response.status() >= 400 && /\/api\/(results|campaigns)|\/scripts\//.test(response.url())) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  return page;
}

/** A screenshot of the whole page: Cockpit scrolls inside its own frame, so the window is made as tall as the page. */
async function shot(page, name) {
  const height = await page.evaluate(() => {
    const plugin = document.querySelector('.cp-results');
    return plugin ? Math.ceil(plugin.getBoundingClientRect().top + plugin.scrollHeight + 60) : 0;
  });
  await page.setViewportSize({ width: 1440, height: Math.max(1000, height) });
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

/** Controls on Cockpit's own pages that would change something, as the page draws them: in the DOM, and visible. */
async function changeControls(page) {
  return page.evaluate(() => {
    const selectors = {
      variableEdit: '[ng-click^="enableEditMode"]',
      variableDelete: '[ng-click^="deleteVariable"]',
      toolbarActions: '.ctn-toolbar > span a, .ctn-toolbar > span button',
      suspend: '[ng-click*="uspension"]',
      cancel: '[ng-click^="cancelProcessInstance"]',
      retry: '[ng-click^="openJobRetryDialog"], [ng-click^="openExternalTaskRetryDialog"], [ng-click^="retryFailedJobs"]',
      identityLinks: '[ng-click^="changeUserIdentityLinks"], [ng-click^="changeGroupIdentityLinks"]',
      pencilOrTrash: '.glyphicon-pencil, .glyphicon-trash',
    };
    const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
      && getComputedStyle(e).visibility !== 'hidden';
    const found = {};
    for (const [name, selector] of Object.entries(selectors)) {
      const all = [...document.querySelectorAll(selector)];
      found[name] = { present: all.length, visible: all.filter(visible).length };
    }
    found.readOnly = document.documentElement.classList.contains('cp-read-only');
    return found;
  });
}

/** Opens a process instance's variables in Cockpit and waits until its variables are drawn. */
async function openInstance(page, instance) {
  await page.goto(`${cockpit}#/process-instance/${instance}/runtime?tab=variables-tab`);
  await page.getByText('campaignId', { exact: true }).first().waitFor();
  // the toolbar (empty, so never "visible", once read only) and its plugins render after the data; once in a CI run
  // the drawn page had no toolbar element at all, so it is waited for a while, not required: the controls are
  // counted either way, and the administrator's page must show them
  await page.locator('.ctn-toolbar').waitFor({ state: 'attached', timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(1500);
}

const seen = { user };
let page;
try {
  page = await newPage();
  await logIn(page, baseUrl, 'cockpit', user, password);
  await page.locator('.Header').getByRole('link', { name: 'Campaigns', exact: true }).click();
  await page.getByRole('heading', { name: 'Campaign results' }).waitFor();
  // finished campaigns too: the published ones, as many as the list shows
  await page.locator('select[name="status"]').selectOption('PUBLISHED');
  await page.locator('select[name="limit"]').selectOption('500');
  const row = page.locator('tr', { has: page.getByRole('link', { name: campaignTitle, exact: true }) });
  await row.waitFor();
  seen.listRow = (await row.innerText()).replace(/\s+/g, ' ');
  seen.listHeader = (await page.locator('.cp-table thead').innerText()).replace(/\s+/g, ' ');
  await row.getByRole('link', { name: campaignTitle, exact: true }).click();
  await page.getByRole('link', { name: 'Evidence and audit trail ›' }).click();
  await page.locator('.cp-chain').waitFor();
  await page.locator('.cp-events tbody tr').first().waitFor();
  const evidence = page.locator('.cp-evidence');
  seen.evidence = {
    title: await page.locator('.cp-campaign-title').innerText(),
    chain: (await page.locator('.cp-chain').innerText()).replace(/\s+/g, ' '),
    intact: await page.locator('.cp-chain').getAttribute('data-intact'),
    reviewers: (await page.locator('.cp-reviewers').innerText()).replace(/\s+/g, ' '),
    deliveries: (await page.locator('.cp-deliveries').innerText()).replace(/\s+/g, ' '),
    copy: (await page.locator('.cp-copy').innerText()).replace(/\s+/g, ' '),
    kinds: await page.locator('.cp-events tbody tr').evaluateAll((rows) => [...new Set(rows.map((r) => r.dataset.kind))]),
    events: await page.locator('.cp-events tbody tr').count(),
    text: (await evidence.innerText()).replace(/\s+/g, ' '),
    buttons: await evidence.locator('button, input[type="submit"], input[type="button"], [contenteditable="true"]').count(),
    changeLinks: await evidence.locator('a').filter({ hasText: /withdraw|edit|delete|approve|reject|save/i }).count(),
  };
  await shot(page, 'evidence-ada-campaign');

  // one click each: the downloads are what the server answered, read back from disk
  seen.downloads = {};
  for (const format of ['json', 'csv']) {
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.locator(`a.cp-download[data-format="${format}"]`).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    seen.downloads[format] = { filename: download.suggestedFilename(), text };
  }

  // reviews only: the filter narrows the timeline
  await page.locator('select[name="kind"]').selectOption('Review');
  seen.evidence.reviewsOnly = await page.locator('.cp-events tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  await page.locator('select[name="kind"]').selectOption('');
  await page.locator('.cp-events tbody tr[data-kind="Model call"] details summary').first().click();
  await shot(page, 'evidence-ada-model-call');

  // Cockpit's own pages of the campaign's process: the running measurement, the finished lifecycle, the definition
  await openInstance(page, runningInstance);
  seen.instance = await changeControls(page);
  seen.instance.variablesShown = await page.getByText('measurementWindowEndsAt', { exact: true }).count();
  await page.screenshot({ path: `${screenshots}/evidence-ada-cockpit-instance.png` });
  // the administrator, for comparison, at once: the same running instance shows him the controls
  const adminPage = await newPage();
  await logIn(adminPage, baseUrl, 'cockpit', admin, adminPassword);
  await adminPage.locator('.Header').waitFor();
  await openInstance(adminPage, runningInstance);
  seen.adminInstance = await changeControls(adminPage);
  await adminPage.screenshot({ path: `${screenshots}/evidence-admin-cockpit-instance.png` });
  await page.goto(`${cockpit}#/process-instance/${finishedInstance}/runtime`);
  await page.waitForTimeout(3000);
  seen.finished = await changeControls(page);
  seen.finished.url = page.url();
  await page.screenshot({ path: `${screenshots}/evidence-ada-cockpit-finished.png` });
  await page.goto(`${cockpit}#/process-definition/${definition}/runtime`);
  await page.locator('.ctn-toolbar').waitFor({ state: 'attached' }); // empty, so not "visible", once read only
  await page.waitForTimeout(2000);
  seen.definition = await changeControls(page);
  await page.screenshot({ path: `${screenshots}/evidence-ada-cockpit-definition.png` });

  // a trail whose entry was changed in the database
  await page.goto(`${cockpit}#/campaigns/${encodeURIComponent(tamperedId)}/evidence`);
  await page.locator('.cp-chain').waitFor();
  seen.tampered = {
    intact: await page.locator('.cp-chain').getAttribute('data-intact'),
    chain: (await page.locator('.cp-chain').innerText()).replace(/\s+/g, ' '),
  };
  await shot(page, 'evidence-ada-tampered');


  seen.problems = problems;
  console.log(JSON.stringify(seen));
} catch (error) {
  if (page) await page.screenshot({ path: `${screenshots}/evidence-${user}-failure.png`, fullPage: true }).catch(() => {});
  console.error(`the evidence view failed for ${user} at ${page?.url()}: ${error.message}\n${problems.join('\n')}`);
  console.error(`requests:\n${log.slice(-60).join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
