// CampaignPilot's Welcome page configuration: it takes the place of the webjar's own config.js (which sets nothing).
export default {
  app: {
    name: 'Welcome',
    vendor: 'CampaignPilot',
  },
};
