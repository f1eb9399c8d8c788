// What the browser tests share: settings from the environment, Debian's headless Chromium, the Camunda webapps' login.
import { chromium } from 'playwright-core';

/** An environment variable, or the fallback; without either the test cannot run. */
export const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`environment variable ${name} is required`);
  return value;
};

/** Headless Chromium as the machine has it (CHROMIUM); the network is closed, so it is kept from calling home. */
export const launch = () => chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Logs into a Camunda webapp (tasklist, cockpit) of the default engine with its login form, as a person does. */
export async function logIn(page, baseUrl, app, user, password) {
  await page.goto(`${baseUrl}/camunda/app/${app}/default/`);
  const username = page.getByPlaceholder('Username');
  const secret = page.getByPlaceholder('Password');
  // on a busy machine the webapp may still be redrawing its form while it is filled in: fill until both fields hold
  // what was typed (a person would look before pressing the button)
  for (let attempt = 1; ; attempt++) {
    await username.fill(user);
    await secret.fill(password);
    if (await username.inputValue() === user && await secret.inputValue() === password) break;
    if (attempt === 5) throw new Error(`the ${app} login form did not keep what was typed`);
    await page.waitForTimeout(500);
  }
  await page.getByRole('button', { name: 'Log in' }).click();
}
