// CampaignPilot's Cockpit configuration: it takes the place of the webjar's own config.js (which sets nothing) and
// adds the Campaigns plugin (the campaigns' results and the scorecard for marketing, process owners and auditors; the
// evidence for auditors) and the read-only marker that hides Cockpit's change controls from auditors.
export default {
  app: {
    name: 'Cockpit',
    vendor: 'CampaignPilot',
  },
  customScripts: ['scripts/campaigns', 'scripts/read-only'],
};
