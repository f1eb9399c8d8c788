// A marketing manager reviews a campaign in Camunda Tasklist, as a person would: log in, open the review
// queue, open the campaign's task, read the evidence, claim, decide, complete.
// Usage: node tasklist-review.mjs  (configured by environment: BASE_URL, REVIEWER, PASSWORD, CAMPAIGN_TITLE,
// DECISION_LABEL, COMMENT, SCREENSHOTS; optionally REFUSED_LABEL: a decision first submitted without a comment, whose
// refusal the reviewer must be shown). Prints one JSON line with what the reviewer saw.
import { mkdirSync } from 'node:fs';
import { env, launch, logIn } from './webapps.mjs';

const baseUrl = env('BASE_URL');
const reviewer = env('REVIEWER', 'mary');
const password = env('PASSWORD', 'demo');
const campaignTitle = env('CAMPAIGN_TITLE');
const decisionLabel = env('DECISION_LABEL', 'Approve');
const comment = env('COMMENT', '');
const refusedLabel = env('REFUSED_LABEL', '');
const screenshots = env('SCREENSHOTS', 'target/tasklist');
mkdirSync(screenshots, { recursive: true });

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(30_000);
try {
  await logIn(page, baseUrl, 'tasklist', reviewer, password);

  await page.getByText('Review queue').click();
  const href = await page.locator('.tasks-list h4.task a', { hasText: campaignTitle }).first().getAttribute('href');
  const taskLink = page.locator(`.tasks-list h4.task a[href="${href}"]`);
  await taskLink.click();
  await page.locator('.fjs-form').waitFor();
  // a candidate-group task must be claimed before its form can be completed
  const claim = page.getByRole('button', { name: 'Claim' });
  if (await claim.isVisible()) await claim.click();

  const evidence = async (label) => page.getByLabel(new RegExp(`^${label}`)).inputValue();
  const seen = {
    taskName: (await taskLink.innerText()).trim(),
    campaign: await evidence('Campaign'),
    riskTier: await evidence('Risk tier'),
    variants: await evidence('Variants'),
    sources: await evidence('Sources'),
    findings: await evidence('Rule findings'),
  };
  await page.screenshot({ path: `${screenshots}/${reviewer}-review-form.png`, fullPage: true });

  if (refusedLabel) {
    // the server refuses a decision without its comment; the reviewer reads why, and the task stays open
    await page.locator('.fjs-form-field-radio label', { hasText: refusedLabel }).click();
    await page.getByRole('button', { name: 'Complete' }).click();
    const refusal = page.getByText(/Write a comment/).first();
    await refusal.waitFor();
    seen.refusal = (await refusal.innerText()).trim();
    await page.screenshot({ path: `${screenshots}/${reviewer}-refused.png`, fullPage: true });
    // close the notification, which lies over the form's buttons
    await page.getByText('An error happened while submitting').locator('xpath=..').getByText('×').click()
      .catch(() => page.keyboard.press('Escape'));
    await refusal.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }

  await page.locator('.fjs-form-field-radio label', { hasText: decisionLabel }).click();
  if (comment) {
    await page.getByLabel(/^Comment/).fill(comment);
    // form-js takes a text field's value when it loses focus, as it does when a person moves on
    await page.getByLabel(/^Comment/).blur();
    await page.waitForTimeout(500);
  }
  await page.getByRole('button', { name: 'Complete' }).click();
  // Tasklist drops a completed task from the queue
  await taskLink.waitFor({ state: 'detached' });
  await page.screenshot({ path: `${screenshots}/${reviewer}-after-complete.png`, fullPage: true });
  console.log(JSON.stringify(seen));
} catch (error) {
  await page.screenshot({ path: `${screenshots}/${reviewer}-failure.png`, fullPage: true }).catch(() => {});
  console.error(`Tasklist review failed at ${page.url()}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
