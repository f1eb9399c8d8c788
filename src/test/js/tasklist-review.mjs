// A reviewer decides a campaign's review in Camunda Tasklist, as a person would: log in, open the review queue, open
// the campaign's task, read the evidence, claim, decide, complete.
// Usage: node tasklist-review.mjs, configured by environment:
//   BASE_URL, REVIEWER, PASSWORD, CAMPAIGN_TITLE, SCREENSHOTS, SHOT (a name for this step's screenshots),
//   DECISION_LABEL (Approve, Request changes, Reject), COMMENT (the required comment, to request changes or reject),
//   NOTE (an approver's optional note), EMPTY_COMMENT_FIRST=true (first submit without the comment: the form must say
//   why), EDIT_LABEL + EDIT_VALUE (a per-field edit of the copy, made with an approval).
// Prints one JSON line with what the reviewer saw.
import { mkdirSync } from 'node:fs';
import { env, launch, logIn } from './webapps.mjs';

const baseUrl = env('BASE_URL');
const reviewer = env('REVIEWER', 'mary');
const password = env('PASSWORD', 'demo');
const campaignTitle = env('CAMPAIGN_TITLE');
const decisionLabel = env('DECISION_LABEL', 'Approve');
const comment = env('COMMENT', '');
const note = env('NOTE', '');
const emptyCommentFirst = env('EMPTY_COMMENT_FIRST', '') === 'true';
const editLabel = env('EDIT_LABEL', '');
const editValue = env('EDIT_VALUE', '');
const screenshots = env('SCREENSHOTS', 'target/screenshots');
const shot = env('SHOT', reviewer);
mkdirSync(screenshots, { recursive: true });

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(30_000);
const engineTexts = [];
const noteEngineText = async () => {
  if ((await page.content()).includes('ENGINE-')) engineTexts.push(page.url());
};
/** Types into a form-js input as a person does: form-js takes the value when the field loses focus. */
const type = async (label, value) => {
  const field = page.getByLabel(label, { exact: false }).first();
  await field.fill(value);
  await field.blur();
  await page.waitForTimeout(300);
};
/** A screenshot of the whole form: Tasklist scrolls it inside its pane, so the window grows to the form's height. */
const screenshot = async (name) => {
  const height = await page.locator('.fjs-form').evaluate((form) => form.scrollHeight).catch(() => 0);
  await page.setViewportSize({ width: 1400, height: Math.min(Math.max(1000, height + 450), 12_000) });
  await page.screenshot({ path: `${screenshots}/${shot}-${name}.png` });
  await page.setViewportSize({ width: 1400, height: 1000 });
};
const complete = () => page.getByRole('button', { name: 'Complete' }).click();
try {
  await logIn(page, baseUrl, 'tasklist', reviewer, password);

  await page.getByText('Review queue').click();
  const entry = page.locator('.tasks-list li', { hasText: campaignTitle }).first();
  const href = await entry.locator('h4.task a').getAttribute('href');
  const taskLink = page.locator(`.tasks-list h4.task a[href="${href}"]`);
  const seen = { queueEntry: (await entry.innerText()).trim(), taskName: (await taskLink.innerText()).trim() };
  await taskLink.click();
  await page.locator('.fjs-form').waitFor();
  // a candidate-group task must be claimed before its form can be completed
  const claim = page.getByRole('button', { name: 'Claim' });
  if (await claim.isVisible()) await claim.click();
  await page.locator('.fjs-form-field-text', { hasText: 'The copy, as customers will see it' }).waitFor();

  // a text view by its heading (h2 for the summary, h3 for each part of the evidence)
  const view = (heading) => page.locator('.fjs-form-field-text')
    .filter({ has: page.locator('h2, h3', { hasText: heading }) }).first();
  const section = async (heading) => ((await view(heading).count()) ? (await view(heading).innerText()).trim() : '');
  const tableRows = async (heading) => view(heading).locator('table tbody tr').count();
  Object.assign(seen, {
    summary: await section(/review$/),
    cockpitLink: await page.getByRole('link', { name: 'Full evidence in Cockpit' }).first().getAttribute('href'),
    copy: await section('The copy, as customers will see it'),
    sources: await section('Sources the copy cites'),
    findings: await section('Rule findings'),
    findingRows: await tableRows('Rule findings'),
    history: await section('Decisions so far'),
    marketing: await section("Marketing's decision"),
    // nothing of the form runs out of sight to the right, nor hides in a scrolling box
    overflowRight: await page.locator('.fjs-form').evaluate((form) => [...form.querySelectorAll('table, textarea, p')]
      .filter((e) => e.getBoundingClientRect().right > form.getBoundingClientRect().right + 2).length),
    scrollBoxes: await page.locator('.fjs-form textarea, .fjs-form-field-text').evaluateAll((els) => els
      .filter((e) => e.offsetParent !== null && e.scrollHeight > e.clientHeight + 2).length),
  });
  await noteEngineText();
  await screenshot('review-form');

  await page.locator('.fjs-form-field-radio label', { hasText: decisionLabel }).click();
  if (emptyCommentFirst) {
    // the form itself refuses the decision without its comment, in its own words; the task stays open
    await complete();
    const error = page.locator('.fjs-form-field-error').first();
    await error.waitFor();
    seen.validation = (await page.locator('.fjs-form-field', { has: error }).first().innerText()).trim();
    await noteEngineText();
    await screenshot('comment-required');
    // Tasklist adds a generic notice of its own (no engine text); she does not need to close it to go on
    seen.notices = await page.getByText('An error happened while submitting').allInnerTexts();
  }
  if (comment) await type('Comment (required)', comment);
  if (note) await type('Note for', note);
  if (editLabel) {
    seen.editBefore = await page.getByLabel(new RegExp(`^${editLabel}\\*?$`)).inputValue();
    await type(editLabel, editValue);
  }
  await screenshot('decided');
  await complete();
  // Tasklist drops a completed task from the queue
  await taskLink.waitFor({ state: 'detached' });
  await noteEngineText();
  seen.engineTexts = engineTexts;
  // no error notice outlives the submit that succeeded
  await page.getByText('An error happened while submitting').first().waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => {});
  seen.noticesAfter = await page.getByText('An error happened while submitting').filter({ visible: true }).count();
  await screenshot('after-complete');
  console.log(JSON.stringify(seen));
} catch (error) {
  await page.screenshot({ path: `${screenshots}/${shot}-failure.png`, fullPage: true }).catch(() => {});
  console.error(`Tasklist review failed at ${page.url()}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
