// Auditors read and change nothing. The engine already refuses them every change (they hold no UPDATE, DELETE or
// CREATE authorization), but Cockpit still draws the controls for it: edit and delete on variables, add variable,
// suspend, cancel, retry. This script marks the page for members of a read-only group (html.cp-read-only), and
// styles/user-styles.css hides those controls, so an auditor is never offered a change that would only end in an error.
// Cockpit has no per-user plugin exclusion (cam-exclude-plugins in index.html applies to everyone, and the variable
// controls are not a plugin of their own), hence this marker.
const APP_ROOT = document.querySelector('base')?.getAttribute('app-root') ?? '/camunda';
const ENGINE = (window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//) || [])[1] || 'default';
const READ_ONLY_GROUPS = ['auditors'];

let markedFor;

async function json(path) {
  const response = await fetch(APP_ROOT + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : null;
}

/** Marks the page read only for a member of a read-only group; checked again when the route (or the login) changes. */
async function mark() {
  const user = (await json(`/api/admin/auth/user/${encodeURIComponent(ENGINE)}`).catch(() => null))?.userId || null;
  if (user === markedFor) return;
  markedFor = user;
  let readOnly = false;
  if (user) {
    const memberships = await json(`/api/engine/engine/${encodeURIComponent(ENGINE)}/identity/groups?userId=${encodeURIComponent(user)}`)
      .catch(() => null);
    readOnly = (memberships?.groups || []).some((group) => READ_ONLY_GROUPS.includes(group.id));
  }
  document.documentElement.classList.toggle('cp-read-only', readOnly);
  document.documentElement.setAttribute('data-cp-read-only-checked', user || '');
}

mark();
window.addEventListener('hashchange', () => { mark(); });

export default [];
