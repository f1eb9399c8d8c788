// CampaignPilot's Admin configuration: it takes the place of the webjar's own config.js (which sets nothing) and names
// the app as CampaignPilot's.
export default {
  app: {
    name: 'Admin',
    vendor: 'CampaignPilot',
  },
};
