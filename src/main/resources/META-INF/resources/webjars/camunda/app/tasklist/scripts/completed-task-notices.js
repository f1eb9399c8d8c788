// Tasklist keeps the notice of a refused submit ("An error happened while submitting the task form") on screen after
// the reviewer has fixed the form and completed the task, where it reads as if the completion had failed. When a task
// is completed Tasklist drops it from the address; then the notices about submitting it are closed, as a person would.
const SUBMIT_REFUSED = 'An error happened while submitting the task form';
let openTask = null;

function closeSubmitNotices() {
  document.querySelectorAll('.notifications .alert').forEach((alert) => {
    if (!alert.textContent.includes(SUBMIT_REFUSED)) return;
    // the notice's own close button (×), the visible one
    [...alert.querySelectorAll('button.close')].find((button) => button.offsetParent !== null)?.click();
  });
}

window.addEventListener('hashchange', () => {
  const task = (window.location.hash.match(/[?&]task=([^&]+)/) || [])[1] || null;
  if (openTask && task !== openTask) closeSubmitNotices();
  openTask = task;
});
openTask = (window.location.hash.match(/[?&]task=([^&]+)/) || [])[1] || null;

// a script Tasklist loads lists plugins; this one has none to show
export default [];
