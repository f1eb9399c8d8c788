// CampaignPilot's Tasklist configuration: it takes the place of the webjar's own config.js, keeping what that sets
// (the keyboard shortcuts below, as Camunda 7.24 ships them) and adding the "Results" link to Cockpit's Campaigns page.
export default {
  app: {
    name: 'Tasklist',
    vendor: 'CampaignPilot',
  },
  customScripts: ['scripts/results-link', 'scripts/completed-task-notices'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
