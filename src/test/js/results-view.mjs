// A marketing manager or an auditor reads the campaigns' results in Cockpit, as a person would: log into Tasklist and
// follow its "Results" link (APP=tasklist) or log into Cockpit and open Campaigns (APP=cockpit); read the list, open a
// measured campaign and one whose window is still open, then the scorecard. Screenshots go to SCREENSHOTS.
// Usage: node results-view.mjs  (configured by environment: BASE_URL, USER_NAME, PASSWORD, APP, CAMPAIGN_TITLE, OPEN_TITLE,
// SCREENSHOTS, CHROMIUM). Prints one JSON line with what the user saw.
import { mkdirSync } from 'node:fs';
import { env, launch, logIn } from './webapps.mjs';

const baseUrl = env('BASE_URL');
const user = env('USER_NAME');
const password = env('PASSWORD', 'demo');
const app = env('APP', 'cockpit');
const campaignTitle = env('CAMPAIGN_TITLE');
const openTitle = env('OPEN_TITLE');
const screenshots = env('SCREENSHOTS', 'target/screenshots');
mkdirSync(screenshots, { recursive: true });

/** A screenshot of the whole page: Cockpit scrolls inside its own frame, so the window is made as tall as the page. */
async function shot(name) {
  const height = await page.evaluate(() => {
    const plugin = document.querySelector('.cp-results');
    return plugin ? Math.ceil(plugin.getBoundingClientRect().top + plugin.scrollHeight + 60) : 0;
  });
  await page.setViewportSize({ width: 1440, height: Math.max(1000, height) });
  await page.screenshot({ path: `${screenshots}/results-${user}-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
page.setDefaultTimeout(30_000);
// what went wrong on the way: script errors, and failed requests of the results view (Camunda's own pages ask whether
// anyone is logged in, or for the welcome app that is not deployed, and are answered 401 or 404 as intended)
const problems = [];
const ours = (url) => /\/api\/(results|scorecard|campaigns)|\/webjars\/|\/scripts\//.test(url);
const log = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('requestfailed', (request) => {
  // leaving Tasklist for the results cancels what it was still loading (its task list): that is the browser, not a fault
  if (request.failure()?.errorText === 'net::ERR_ABORTED' && !ours(request.url())) return;
  problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
});
page.on('response', (response) => {
  log.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  if (response.status() >= 400 && ours(response.url())) problems.push(`${response.status()} ${response.url()}`);
});

/** What a user reads on the plugin's page: its text, its charts, and anything they could press. */
async function readPlugin() {
  const plugin = page.locator('.cp-results');
  return {
    text: (await plugin.innerText()).replace(/\s+/g, ' '),
    charts: await plugin.locator('figure.cp-chart[data-rendered="true"]').evaluateAll(
      (figures) => figures.filter((f) => f.querySelector('canvas')).map((f) => f.dataset.chart)),
    captions: await plugin.locator('figure.cp-chart figcaption').allInnerTexts(),
    buttons: await plugin.locator('button, input[type="submit"], input[type="button"], [contenteditable="true"]').count(),
    changeLinks: await plugin.locator('a').filter({ hasText: /withdraw|edit|delete|approve|reject|save/i }).count(),
  };
}

async function chartsDrawn(names) {
  for (const name of names) {
    await page.locator(`figure.cp-chart[data-chart="${name}"][data-rendered="true"] canvas`).waitFor();
  }
}

try {
  await logIn(page, baseUrl, app, user, password);
  const seen = { user, app };
  if (app === 'tasklist') {
    // from where she works: Tasklist's header links to the results
    const results = page.getByRole('link', { name: 'Results', exact: true });
    await results.waitFor();
    await page.screenshot({ path: `${screenshots}/results-${user}-tasklist.png` });
    await results.click();
  } else {
    await page.locator('.Header').getByRole('link', { name: 'Campaigns', exact: true }).click();
  }
  await page.getByRole('heading', { name: 'Campaign results' }).waitFor();
  // the newest 50 come first; the suite's other tests have started more than that since these were seeded
  await page.locator('select[name="limit"]').selectOption('500');
  const row = page.locator('tr', { has: page.getByRole('link', { name: campaignTitle, exact: true }) });
  await row.waitFor();
  seen.url = page.url();
  // CampaignPilot's name in the header, and no end-of-life banner over every page
  seen.brand = (await page.locator('.navbar-brand').first().innerText()).trim();
  seen.eolBannerVisible = await page.locator('.ce-eol-banner').isVisible();
  seen.list = await readPlugin();
  seen.measuredRow = (await row.innerText()).replace(/\s+/g, ' ');
  seen.evidenceLinks = await page.locator('.cp-evidence-row-link').count();
  seen.openRow = (await page.locator('tr', { has: page.getByRole('link', { name: openTitle, exact: true }) }).innerText())
    .replace(/\s+/g, ' ');
  await shot('list');

  await row.getByRole('link', { name: campaignTitle, exact: true }).click();
  await page.locator('.cp-verdict-panel').waitFor();
  await chartsDrawn(['conversion', 'revenue', 'cumulative', 'slices']);
  seen.campaign = await readPlugin();
  seen.campaign.title = await page.locator('.cp-campaign-title').innerText();
  seen.campaign.verdict = await page.locator('.cp-verdict-label').innerText();
  seen.campaign.evidenceLinks = await page.locator('.cp-evidence-link').count();
  await shot('campaign');

  await page.getByRole('link', { name: '‹ All campaigns' }).click();
  await page.getByRole('link', { name: openTitle, exact: true }).click();
  await page.locator('.cp-verdict-panel').waitFor();
  await chartsDrawn(['conversion', 'cumulative']);
  seen.open = await readPlugin();
  seen.open.verdict = await page.locator('.cp-verdict-label').innerText();
  await shot('open-window');

  await page.locator('.cp-tabs').getByRole('link', { name: 'Scorecard' }).click();
  await page.locator('.cp-scorecard').waitFor();
  await chartsDrawn(['scorecard-results']);
  seen.scorecard = await readPlugin();
  await shot('scorecard');
  seen.problems = problems;
  console.log(JSON.stringify(seen));
} catch (error) {
  await page.screenshot({ path: `${screenshots}/results-${user}-failure.png`, fullPage: true }).catch(() => {});
  console.error(`the results view failed for ${user} at ${page.url()}: ${error.message}\n${problems.join('\n')}`);
  console.error(`requests:\n${log.join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
