// A "Results" link in Tasklist's header to the campaigns' results in Cockpit (its Campaigns page), for those whose
// roles may open Cockpit (marketing managers and leads, process owners, auditors): the same login, no second one.
const APP_ROOT = document.querySelector('base')?.getAttribute('app-root') ?? '/camunda';
const ENGINE = (window.location.pathname.match(/\/app\/tasklist\/([^/]+)\//) || [])[1] || 'default';

async function mayOpenCockpit() {
  const response = await fetch(`${APP_ROOT}/api/admin/auth/user/${encodeURIComponent(ENGINE)}`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok && ((await response.json()).authorizedApps || []).includes('cockpit');
}

export default [
  {
    id: 'campaignpilot.results-link',
    pluginPoint: 'tasklist.navbar.action',
    priority: 50,
    render: (node) => {
      mayOpenCockpit().then((allowed) => {
        if (!allowed) return;
        const link = document.createElement('a');
        link.href = `${APP_ROOT}/app/cockpit/${encodeURIComponent(ENGINE)}/#/campaigns`;
        link.className = 'campaignpilot-results-link';
        link.title = "Your campaigns' results, in Cockpit";
        const icon = document.createElement('span');
        icon.className = 'glyphicon glyphicon-stats';
        icon.setAttribute('aria-hidden', 'true');
        link.append(icon, ' Results');
        node.append(link);
      }).catch(() => { /* no link when the login cannot be read */ });
    },
  },
];
