// The results view: a Cockpit plugin with the campaigns and their headline results (#/campaigns), one campaign's
// result with its charts (#/campaigns/<id>) and the scorecard (#/scorecard). It reads CampaignPilot's own /api with
// the Cockpit login (GET only), shows nothing it could change, and draws with Chart.js served by the application
// itself (/webjars). Every text from the data is set as text, never as markup.

// the application's root: this file is served at <root>/camunda/app/cockpit/scripts/campaigns.js
const ROOT = new URL('../../../../', import.meta.url).href.replace(/\/$/, '');
// keep in step with the chart.js webjar in pom.xml
const CHART_JS = `${ROOT}/webjars/chart.js/4.4.1/dist/chart.umd.js`;
// the retailer's currency (the demo retailer's: its copy quotes pounds)
const CURRENCY = 'GBP';
const COLOURS = { treatment: '#1f6fb2', holdout: '#9aa5b1', lift: '#2e8540', drop: '#b3261e', neutral: '#6b7785' };

const STATUS = { RUNNING: 'In progress', PUBLISHED: 'Published', REJECTED: 'Rejected', NOT_VIABLE: 'Not viable', WITHDRAWN: 'Withdrawn' };
const TRIGGER = {
  OVERSTOCK: 'Overstock', SEASONAL_LAUNCH: 'Seasonal launch', LOYALTY_MILESTONE: 'Loyalty milestone',
  CONVERSION_DROP: 'Falling conversion', BACK_IN_STOCK: 'Back in stock', BRIEF: "Manager's brief",
};
const TIER = { LOW: 'Low risk', MEDIUM: 'Medium risk', HIGH: 'High risk', BLOCKED: 'Blocked' };
const CHANNEL = { email: 'Email', sms: 'SMS', push: 'Push', web: 'Web', social: 'Social' };
const VERDICT = {
  LIFT: { label: 'Lift shown', tone: 'good' },
  DROP: { label: 'Drop shown', tone: 'bad' },
  NO_EFFECT_SHOWN: { label: 'No effect shown', tone: 'neutral' },
  NO_VERDICT: { label: 'No verdict', tone: 'warn' },
};

const moneyFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: CURRENCY, maximumFractionDigits: 0 });
const pennyFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: CURRENCY, minimumFractionDigits: 2 });
const numberFormat = new Intl.NumberFormat('en-GB');
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const money = (v) => (v === null || v === undefined ? '–' : moneyFormat.format(v));
const pence = (v) => (v === null || v === undefined ? '–' : pennyFormat.format(v));
const count = (v) => (v === null || v === undefined ? '–' : numberFormat.format(v));
const share = (v, digits = 1) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(digits)} %`);
const signed = (v, digits = 0) => (v === null || v === undefined ? '–' : `${v < 0 ? '−' : '+'}${Math.abs(v * 100).toFixed(digits)} %`);
const signedMoney = (v, format = money) => (v === null || v === undefined ? '–' : `${v < 0 ? '−' : '+'}${format(Math.abs(v))}`);
const day = (v) => (v ? dayFormat.format(new Date(v)) : '–');
const time = (v) => (v ? timeFormat.format(new Date(v)) : '–');
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const channels = (list) => (list || []).map((c) => CHANNEL[c] || c).join(', ');
/** "(95 % interval: a to b)", or nothing when there is no interval. */
const interval = (estimate, format) => (estimate && estimate.low !== null && estimate.high !== null
  ? `95 % interval ${format(Number(estimate.low))} to ${format(Number(estimate.high))}` : 'no interval');
const pValue = (p) => (p === null || p === undefined ? '' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** An element with attributes and children; strings become text nodes. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, forbidden = 'Your role may not read campaign results.') {
  const response = await fetch(ROOT + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const words = {
      401: 'Your login has ended: log in to Cockpit again.',
      403: forbidden,
      404: 'There is no such campaign.',
    }[response.status];
    const reasons = (body.errors || []).map((e) => `${e.field}: ${e.reason}`).join('; ');
    throw new ApiError(response.status, words || reasons || body.message || `The server answered ${response.status}.`);
  }
  return response.json();
}

// Who may open a campaign's evidence. The server decides (security/SecurityConfiguration); this only keeps the pages
// from offering a link that ends in "your role may not read the evidence". When in doubt, the link is shown.
const EVIDENCE_READERS = ['auditors', 'process-owners', 'camunda-admin'];
let evidenceReader;
function mayReadEvidence() {
  evidenceReader = evidenceReader || (async () => {
    const app = document.querySelector('base')?.getAttribute('app-root') ?? '/camunda';
    const engine = (window.location.pathname.match(/\/app\/[a-z]+\/([^/]+)\//) || [])[1] || 'default';
    const get = async (path) => {
      const response = await fetch(app + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return response.ok ? response.json() : null;
    };
    const user = (await get(`/api/admin/auth/user/${encodeURIComponent(engine)}`))?.userId;
    const groups = user && (await get(`/api/engine/engine/${encodeURIComponent(engine)}/identity/groups?userId=${encodeURIComponent(user)}`))?.groups;
    return !groups || groups.some((group) => EVIDENCE_READERS.includes(group.id));
  })().catch(() => true);
  return evidenceReader;
}

// --- Chart.js, loaded once, through the webapps' AMD loader when there is one (its UMD build defines an AMD module)
let chartJs;
function loadChartJs() {
  chartJs = chartJs || new Promise((resolve, reject) => {
    if (typeof window.require === 'function' && typeof window.define === 'function' && window.define.amd) {
      window.require([CHART_JS], resolve, reject);
    } else {
      const script = h('script', { src: CHART_JS });
      script.onload = () => resolve(window.Chart);
      script.onerror = reject;
      document.head.append(script);
    }
  }).then((Chart) => {
    Chart.register(intervalBars);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#333';
    return Chart;
  });
  return chartJs;
}

/** Draws each bar's 95 % interval (dataset.intervals: [low, high] per bar) as a whisker. */
const intervalBars = {
  id: 'intervalBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const values = horizontal ? chart.scales.x : chart.scales.y;
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (!dataset.intervals || meta.hidden) return;
      meta.data.forEach((bar, j) => {
        const bounds = dataset.intervals[j];
        if (!bounds || bounds[0] === null || bounds[1] === null) return;
        const a = values.getPixelForValue(bounds[0]);
        const b = values.getPixelForValue(bounds[1]);
        const at = horizontal ? bar.y : bar.x;
        const cap = 7;
        ctx.save();
        ctx.strokeStyle = '#222';
        ctx.lineWidth = 1.6;
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(a, at); ctx.lineTo(b, at);
          ctx.moveTo(a, at - cap); ctx.lineTo(a, at + cap);
          ctx.moveTo(b, at - cap); ctx.lineTo(b, at + cap);
        } else {
          ctx.moveTo(at, a); ctx.lineTo(at, b);
          ctx.moveTo(at - cap, a); ctx.lineTo(at + cap, a);
          ctx.moveTo(at - cap, b); ctx.lineTo(at + cap, b);
        }
        ctx.stroke();
        ctx.restore();
      });
    });
  },
};

const charts = [];
function destroyCharts() {
  while (charts.length) charts.pop().destroy();
}

/** A figure with a title, a canvas for the chart and a caption in words (what the chart shows, for everyone). */
function figure(name, title, caption) {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${caption}` });
  const element = h('figure', { class: 'cp-chart', 'data-chart': name },
    h('h4', {}, title), h('div', { class: 'cp-chart-area' }, canvas), h('figcaption', {}, caption));
  return { element, canvas };
}

function draw(fig, config) {
  loadChartJs().then((Chart) => {
    if (!fig.canvas.isConnected) return;
    charts.push(new Chart(fig.canvas, config));
    fig.element.setAttribute('data-rendered', 'true');
  }).catch(() => {
    fig.element.querySelector('.cp-chart-area').replaceChildren(h('p', { class: 'cp-muted' },
      'The chart could not be drawn here; its figures are in the caption below.'));
  });
}

/** Bar chart of estimates with their 95 % intervals as whiskers. */
function intervalChart(fig, { labels, values, intervals, colours, format, horizontal = false, zeroLine = false }) {
  // the axis takes in every interval, with round ticks
  const all = values.concat(intervals.flat()).filter((v) => v !== null && v !== undefined);
  const valueAxis = {
    suggestedMin: Math.min(0, ...all),
    suggestedMax: Math.max(0, ...all),
    grace: '5%',
    ticks: { callback: (v) => format(v) },
    grid: { color: (c) => (zeroLine && c.tick.value === 0 ? '#333' : '#e5e5e5') },
  };
  draw(fig, {
    type: 'bar',
    data: { labels, datasets: [{ data: values, intervals, backgroundColor: colours, borderRadius: 3, maxBarThickness: horizontal ? 26 : 70 }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      maintainAspectRatio: false,
      scales: horizontal ? { x: valueAxis, y: { grid: { display: false } } } : { y: valueAxis, x: { grid: { display: false } } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const [a, b] = intervals[item.dataIndex] || [];
              return a === null || a === undefined ? format(item.raw) : `${format(item.raw)} (95 %: ${format(a)} to ${format(b)})`;
            },
          },
        },
      },
    },
  });
}

// --- pages

function tabs(active) {
  const tab = (hash, label) => h('li', { class: active === hash ? 'active' : null }, h('a', { href: `#/${hash}` }, label));
  return h('ul', { class: 'nav nav-tabs cp-tabs' }, tab('campaigns', 'Campaigns'), tab('scorecard', 'Scorecard'));
}

function problem(error) {
  return h('div', { class: 'alert alert-danger cp-problem', role: 'alert' }, error.message || String(error));
}

/** The headline of a campaign in words: [verdict label, tone, sentence]. */
function headlineInWords(summary) {
  const headline = summary.headline;
  switch (headline.state) {
    case 'MEASURED': {
      const verdict = VERDICT[headline.verdict] || { label: headline.verdict, tone: 'neutral' };
      return [verdict.label, verdict.tone, headline.verdict === 'NO_VERDICT' ? headline.warning : null];
    }
    case 'WINDOW_OPEN':
      return ['No verdict yet', 'pending', `measuring until ${time(headline.windowEndsAt)}`];
    case 'AWAITING_MEASUREMENT':
      return ['No verdict yet', 'pending', `window closed ${time(headline.windowEndsAt)}; being measured`];
    default:
      if (summary.status === 'RUNNING') return ['Not published yet', 'muted', 'measured once published'];
      return summary.status === 'PUBLISHED'
        ? ['Not measured', 'muted', 'no measurement window was opened']
        : ['Not measured', 'muted', `${STATUS[summary.status] || summary.status}: nothing was published`];
  }
}

function verdictBadge(label, tone) {
  return h('span', { class: `cp-verdict cp-${tone}` }, label);
}

const FILTERS_KEY = 'campaignpilot.campaign-filters';

function savedFilters() {
  try {
    return JSON.parse(sessionStorage.getItem(FILTERS_KEY) || '{}');
  } catch (ignored) {
    return {};
  }
}

function saveFilters(state) {
  try {
    sessionStorage.setItem(FILTERS_KEY, JSON.stringify(state));
  } catch (ignored) {
    // private browsing without storage: the filters last as long as the page
  }
}

function listPage(container) {
  // the filters outlive a visit to a campaign: "‹ All campaigns" comes back to the list as the user left it
  const state = { status: '', tier: '', trigger: '', from: '', to: '', limit: '50', ...savedFilters() };
  const results = h('div', { class: 'cp-list' }, h('p', { class: 'cp-muted' }, 'Loading campaigns…'));
  const change = (name) => (e) => { state[name] = e.target.value; saveFilters(state); load(); };
  const select = (name, options) => {
    const element = h('select', { class: 'form-control input-sm', name, onchange: change(name) },
      options.map(([value, label]) => h('option', { value }, label)));
    element.value = state[name];
    return element;
  };
  const date = (name) => {
    const element = h('input', { type: 'date', class: 'form-control input-sm', name, onchange: change(name) });
    element.value = state[name];
    return element;
  };
  const filters = h('form', { class: 'form-inline cp-filters', onsubmit: (e) => e.preventDefault() },
    h('label', {}, 'Status ', select('status', [['', 'All'], ...Object.entries(STATUS)])),
    h('label', {}, 'Risk ', select('tier', [['', 'All'], ...Object.entries(TIER)])),
    h('label', {}, 'Trigger ', select('trigger', [['', 'All'], ...Object.entries(TRIGGER)])),
    h('label', {}, 'Registered from ', date('from')),
    h('label', {}, 'to (not including) ', date('to')),
    h('label', {}, 'Show ', select('limit', [['50', '50'], ['100', '100'], ['500', '500']])));
  container.append(tabs('campaigns'), h('h2', {}, 'Campaign results'),
    h('p', { class: 'cp-lead' }, 'Each campaign with where it stands and what it earned against its holdout: the verdict on conversion, '
      + 'the lift with its 95 % interval and the incremental contribution after discount, sending and model costs.'),
    filters, results);

  async function load() {
    const query = new URLSearchParams(Object.entries(state).filter(([, v]) => v !== ''));
    try {
      const [list, evidence] = await Promise.all([api(`/api/results?${query}`), mayReadEvidence()]);
      results.replaceChildren(list.length === 0
        ? h('p', { class: 'cp-muted' }, 'No campaign matches these filters.')
        : table(list, evidence));
    } catch (error) {
      results.replaceChildren(problem(error));
    }
  }

  function table(list, evidence) {
    return h('table', { class: 'table table-hover cp-table' },
      h('thead', {}, h('tr', {}, ['Campaign', 'Status', 'Risk', 'Trigger', 'Channels', 'Registered', 'Ended', 'Result', 'Conversion lift',
        'Incremental contribution', evidence && 'Evidence'].filter(Boolean).map((c) => h('th', {}, c)))),
      h('tbody', {}, list.map((c) => {
        const [label, tone, note] = headlineInWords(c);
        const headline = c.headline;
        const lift = headline.conversionLift;
        const contribution = headline.contribution;
        return h('tr', { 'data-campaign': c.id },
          h('td', {}, h('a', { href: `#/campaigns/${encodeURIComponent(c.id)}`, class: 'cp-title' }, c.title)),
          h('td', {}, STATUS[c.status] || c.status),
          h('td', {}, TIER[c.tier] || c.tier || '–'),
          h('td', {}, TRIGGER[c.triggerType] || c.triggerType),
          h('td', {}, channels(c.channels)),
          h('td', { class: 'cp-nowrap' }, day(c.createdAt)),
          h('td', { class: 'cp-nowrap' }, c.endedAt ? day(c.endedAt) : '–'),
          h('td', {}, verdictBadge(label, tone), note ? h('div', { class: 'cp-note' }, note) : null),
          h('td', {}, lift ? [h('strong', {}, signed(Number(lift.estimate))), h('div', { class: 'cp-note' }, interval(lift, (v) => signed(v)))] : '–'),
          h('td', {}, contribution ? [h('strong', {}, signedMoney(Number(contribution.estimate))),
            h('div', { class: 'cp-note' }, interval(contribution, (v) => signedMoney(v)))] : '–'),
          evidence ? h('td', {}, h('a', { href: `#/campaigns/${encodeURIComponent(c.id)}/evidence`, class: 'cp-evidence-row-link',
            title: `The evidence and audit trail of ${c.title}` }, 'Evidence')) : null);
      })));
  }

  load();
}

async function campaignPage(container, id) {
  container.append(tabs('campaigns'), h('p', {}, h('a', { href: '#/campaigns', class: 'cp-back' }, '‹ All campaigns')));
  const body = h('div', {}, h('p', { class: 'cp-muted' }, 'Loading the result…'));
  container.append(body);
  let result;
  let evidence;
  try {
    [result, evidence] = await Promise.all([api(`/api/results/${encodeURIComponent(id)}`), mayReadEvidence()]);
  } catch (error) {
    body.replaceChildren(problem(error));
    return;
  }
  const c = result.campaign;
  const m = result.measurement;
  const headline = c.headline;
  body.replaceChildren(
    h('h2', { class: 'cp-campaign-title' }, c.title),
    evidence ? h('p', {}, h('a', { href: `#/campaigns/${encodeURIComponent(id)}/evidence`, class: 'cp-evidence-link' },
      'Evidence and audit trail ›')) : null,
    h('p', { class: 'cp-meta' }, [STATUS[c.status] || c.status, TIER[c.tier] || c.tier, `trigger: ${TRIGGER[c.triggerType] || c.triggerType}`,
      c.region && `${capital(c.region)} region`, c.category && capital(c.category), channels(c.channels),
      c.discountPercent ? `${c.discountPercent} % off` : 'no discount', `registered ${day(c.createdAt)}`].filter(Boolean).join(' · ')),
    verdictPanel(c, m),
  );
  if (!m) return;
  const treatment = result.arms[0];
  const holdout = result.arms[1];
  const soFar = headline.state !== 'MEASURED';
  body.append(h('div', { class: 'cp-figures' },
    keyFigure('Customers', `${count(treatment.customers)} vs ${count(holdout.customers)}`,
      `treatment vs holdout; ${count(treatment.buyers)} and ${count(holdout.buyers)} bought${soFar ? ' so far' : ''}`),
    keyFigure('Conversion', `${share(treatment.conversion?.estimate)} vs ${share(holdout.conversion?.estimate)}`, 'treatment vs holdout'),
    headline.revenuePerCustomer ? keyFigure('Revenue per customer', signedMoney(Number(headline.revenuePerCustomer.estimate), pence),
      interval(headline.revenuePerCustomer, (v) => signedMoney(v, pence))) : null,
    headline.incrementalRevenue ? keyFigure('Incremental revenue', signedMoney(Number(headline.incrementalRevenue.estimate)),
      interval(headline.incrementalRevenue, (v) => signedMoney(v))) : null,
    headline.contribution ? keyFigure('Incremental contribution', signedMoney(Number(headline.contribution.estimate)),
      interval(headline.contribution, (v) => signedMoney(v))) : null));

  const grid = h('div', { class: 'cp-charts' });
  body.append(h('h3', {}, soFar ? 'So far (the window is still open)' : 'Treatment against holdout'), grid);

  const conversion = figure('conversion', 'Conversion rate by arm',
    `Treatment ${share(treatment.conversion?.estimate)} (${interval(treatment.conversion, (v) => share(v))}), `
    + `holdout ${share(holdout.conversion?.estimate)} (${interval(holdout.conversion, (v) => share(v))}).`);
  grid.append(conversion.element);
  intervalChart(conversion, {
    labels: ['Treatment', 'Holdout'],
    values: [treatment, holdout].map((a) => (a.conversion ? Number(a.conversion.estimate) : null)),
    intervals: [treatment, holdout].map((a) => (a.conversion ? [num(a.conversion.low), num(a.conversion.high)] : [null, null])),
    colours: [COLOURS.treatment, COLOURS.holdout],
    format: (v) => share(v),
  });

  const revenue = figure('revenue', 'Revenue per customer by arm',
    `Treatment ${pence(num(treatment.revenuePerCustomer?.estimate))} (${interval(treatment.revenuePerCustomer, pence)}), `
    + `holdout ${pence(num(holdout.revenuePerCustomer?.estimate))} (${interval(holdout.revenuePerCustomer, pence)}); `
    + 'as bought, net of returns, before the adjustment for spend before the window.');
  grid.append(revenue.element);
  intervalChart(revenue, {
    labels: ['Treatment', 'Holdout'],
    values: [treatment, holdout].map((a) => num(a.revenuePerCustomer?.estimate)),
    intervals: [treatment, holdout].map((a) => [num(a.revenuePerCustomer?.low), num(a.revenuePerCustomer?.high)]),
    colours: [COLOURS.treatment, COLOURS.holdout],
    format: pence,
  });

  grid.append(timelineChart(result.timeline, soFar));
  if (m.slices && m.slices.length) grid.append(slicesChart(m.slices));

  if (m.slices && m.slices.length) body.append(h('h3', {}, 'By channel and A/B arm'), slicesTable(m.slices));
  if (m.costs) body.append(h('h3', {}, 'What went into the contribution'), costsTable(m, headline));
  body.append(h('p', { class: 'cp-muted cp-footnote' },
    'Treatment: the customers the campaign was for; holdout: a share of them held back at random, who were sent nothing. '
    + 'Intervals are 95 %. The verdict comes from the conversion rates (Welch\'s test, p < 0.05); there is none with fewer '
    + 'than 100 customers or 10 buyers in an arm, or when the arms are not the intended split.'));
}

const num = (v) => (v === null || v === undefined ? null : Number(v));

function verdictPanel(c, m) {
  const headline = c.headline;
  const [label, tone] = headlineInWords(c);
  const lines = [];
  if (headline.state === 'MEASURED') {
    const k = m.confidence || {};
    const lift = headline.conversionLift;
    if (lift) {
      lines.push(`Conversion ${signed(Number(lift.estimate))} against the holdout (${interval(lift, (v) => signed(v))}${k.liftPValue !== null && k.liftPValue !== undefined ? `, ${pValue(k.liftPValue)}` : ''}).`);
    }
    if (headline.verdict === 'LIFT') lines.push('The treatment bought more often than the holdout: the campaign made a difference.');
    if (headline.verdict === 'DROP') lines.push('The treatment bought less often than the holdout.');
    if (headline.verdict === 'NO_EFFECT_SHOWN') lines.push('The difference could be chance: no effect is shown either way.');
    if (headline.warning) lines.push(`Why there is no verdict: ${headline.warning}.`);
    lines.push(`Measured ${time(headline.measuredAt)} over the window ${time(headline.windowStartsAt)} to ${time(headline.windowEndsAt)}.`);
  } else if (headline.state === 'WINDOW_OPEN') {
    lines.push(`The measurement window closes on ${time(headline.windowEndsAt)}; the verdict comes then.`);
    lines.push('The figures below are what has happened so far and will change.');
  } else if (headline.state === 'AWAITING_MEASUREMENT') {
    lines.push(`The measurement window closed on ${time(headline.windowEndsAt)}; the result is being computed.`);
  } else if (c.status === 'RUNNING') {
    lines.push('This campaign has not been published yet: its result is measured once it is published and its window closes.');
  } else if (c.status === 'PUBLISHED') {
    lines.push('No measurement window was opened for this campaign: there is no result to show.');
  } else {
    lines.push(`This campaign ended as ${(STATUS[c.status] || c.status).toLowerCase()} without being published: there is nothing to measure.`);
  }
  return h('div', { class: `cp-verdict-panel cp-${tone}` }, h('div', { class: 'cp-verdict-label' }, label),
    lines.map((line) => h('p', {}, line)));
}

function keyFigure(label, value, note) {
  return h('div', { class: 'cp-figure' }, h('div', { class: 'cp-figure-label' }, label), h('div', { class: 'cp-figure-value' }, value),
    h('div', { class: 'cp-note' }, note));
}

function timelineChart(timeline, soFar) {
  const points = timeline.points;
  const last = points[points.length - 1];
  const fig = figure('cumulative', 'Cumulative buyers over the window',
    `Share of each arm that has bought${soFar ? ' so far' : ''}: treatment ${share(last.treatmentShare)} (${count(last.treatmentBuyers)}), `
    + `holdout ${share(last.holdoutShare)} (${count(last.holdoutBuyers)}), from ${time(timeline.from)} to ${time(timeline.until)}.`);
  // the whole window on the axis (an open one is drawn up to now), with ticks at round times
  const from = Date.parse(timeline.from);
  const to = Date.parse(timeline.to);
  const minute = 60_000;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * minute);
  const step = steps.find((candidate) => (to - from) / candidate <= 8) || steps[steps.length - 1];
  const tickFormat = new Intl.DateTimeFormat('en-GB', step >= 1440 * minute ? { day: 'numeric', month: 'short' }
    : to - from <= 1440 * minute ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const series = (key) => points.map((p) => ({ x: Date.parse(p.at), y: p[key] }));
  draw(fig, {
    type: 'line',
    data: {
      datasets: [
        { label: 'Treatment', data: series('treatmentShare'), borderColor: COLOURS.treatment, backgroundColor: COLOURS.treatment, pointRadius: 0, tension: 0.2, borderWidth: 2.5 },
        { label: 'Holdout', data: series('holdoutShare'), borderColor: COLOURS.holdout, backgroundColor: COLOURS.holdout, pointRadius: 0, tension: 0.2, borderWidth: 2.5, borderDash: [6, 4] },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { beginAtZero: true, ticks: { callback: (v) => share(v, 0) } },
        x: { type: 'linear', min: from, max: to, ticks: { stepSize: step, maxRotation: 0, callback: (v) => tickFormat.format(new Date(v)) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line' } },
        tooltip: {
          callbacks: {
            title: (items) => time(items[0].parsed.x),
            label: (item) => `${item.dataset.label}: ${share(item.parsed.y)}`,
          },
        },
      },
    },
  });
  return fig.element;
}

function sliceName(s) {
  return `${CHANNEL[s.channel] || s.channel}${s.variantNo ? ` · variant ${s.variantNo}` : ''}`;
}

function slicesChart(slices) {
  const drawn = slices.filter((s) => s.lift !== null && s.lift !== undefined);
  const fig = figure('slices', 'Conversion lift by channel and A/B arm',
    drawn.length ? drawn.map((s) => `${sliceName(s)} ${signed(s.lift)} (${interval({ low: s.liftLow, high: s.liftHigh }, (v) => signed(v))})`).join('; ') + '.'
      : 'No channel has a lift to draw: their holdouts bought nothing.');
  intervalChart(fig, {
    labels: drawn.map(sliceName),
    values: drawn.map((s) => s.lift),
    intervals: drawn.map((s) => [s.liftLow, s.liftHigh]),
    colours: drawn.map((s) => (s.variantNo ? '#5b9bd5' : COLOURS.treatment)),
    format: (v) => signed(v),
    horizontal: true,
    zeroLine: true,
  });
  return fig.element;
}

function slicesTable(slices) {
  return h('table', { class: 'table table-condensed cp-table cp-slices' },
    h('thead', {}, h('tr', {}, ['Channel', 'Sent', 'Bought', 'Holdout it could reach', 'Holdout bought', 'Conversion lift', '95 % interval', 'Note']
      .map((t) => h('th', {}, t)))),
    h('tbody', {}, slices.map((s) => h('tr', {},
      h('td', {}, sliceName(s)), h('td', {}, count(s.sent)), h('td', {}, count(s.buyers)), h('td', {}, count(s.holdoutCustomers)),
      h('td', {}, count(s.holdoutBuyers)), h('td', {}, signed(s.lift)),
      h('td', {}, s.liftLow === null || s.liftLow === undefined ? '–' : `${signed(s.liftLow)} to ${signed(s.liftHigh)}`),
      h('td', {}, s.warning || pValue(s.pValue))))));
}

function costsTable(m, headline) {
  const row = (label, value, note) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'cp-number' }, value), h('td', { class: 'cp-note' }, note || ''));
  const costs = m.costs;
  return h('table', { class: 'table table-condensed cp-table cp-costs' }, h('tbody', {},
    row('Gross margin at list price', signedMoney(num(costs.grossMarginAtList)), 'the incremental margin had every treatment customer paid list price'),
    row('Discount given', `−${money(num(costs.discountCost))}`, 'on every treatment purchase, also by those who would have bought anyway'),
    row('Sending', `−${pence(num(costs.sendCost))}`, 'messages sent, priced per channel'),
    row('Model calls', `−${pence(num(costs.aiCost))}`, 'writing the copy'),
    row('Incremental contribution', signedMoney(num(headline.contribution?.estimate)), interval(headline.contribution, (v) => signedMoney(v)))));
}

// --- the evidence of one campaign, for auditors: the server's audit package as a timeline, the trail's check, downloads

const KINDS = ['Trigger', 'Audience', 'Sources', 'Model call', 'Variant', 'Edit', 'Rule decision', 'Review', 'Delivery',
  'Measurement', 'Learning', 'Withdrawal', 'End'];
const secondFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const instant = (v) => (v ? secondFormat.format(new Date(v)) : '–');
const DECIDED = { approve: 'approved', reject: 'rejected', requestChanges: 'requested changes' };
const words = (code) => (code ? capital(String(code).replace(/_/g, ' ').toLowerCase()) : '');

async function evidencePage(container, id) {
  container.append(tabs('campaigns'), h('p', {}, h('a', { href: '#/campaigns', class: 'cp-back' }, '‹ All campaigns'), ' · ',
    h('a', { href: `#/campaigns/${encodeURIComponent(id)}` }, 'Result')));
  const body = h('div', { class: 'cp-evidence' }, h('p', { class: 'cp-muted' }, 'Loading the evidence…'));
  container.append(body);
  let pack;
  try {
    pack = await api(`/api/campaigns/${encodeURIComponent(id)}/audit-package`,
      'Your role may not read the evidence: auditors, process owners and administrators may.');
  } catch (error) {
    body.replaceChildren(problem(error));
    return;
  }
  const c = pack.campaign;
  const download = (format, label) => h('a', {
    class: 'btn btn-default cp-download', 'data-format': format, download: true,
    href: `${ROOT}/api/campaigns/${encodeURIComponent(id)}/audit-package?format=${format}`,
  }, h('span', { class: 'glyphicon glyphicon-download-alt', 'aria-hidden': 'true' }), ` ${label}`);
  body.replaceChildren(
    h('h2', { class: 'cp-campaign-title' }, c.title),
    h('p', { class: 'cp-meta' }, [STATUS[c.status] || c.status, TIER[c.tier] || c.tier || 'no risk tier yet',
      `trigger: ${TRIGGER[c.triggerType] || c.triggerType}`, `registered ${time(c.createdAt)}`,
      c.endedAt ? `ended ${time(c.endedAt)}` : 'not ended'].join(' · ')),
    chainPanel(pack.verification),
    h('div', { class: 'cp-export' }, h('span', { class: 'cp-export-label' }, 'Export the audit package: '),
      download('json', 'Audit package (JSON)'), ' ', download('csv', 'Timeline (CSV)'),
      h('div', { class: 'cp-note' }, `Exported for ${pack.exportedBy} at ${time(pack.exportedAt)}. The JSON holds the whole evidence and the trail's head; the CSV one row per event.`)),
    h('div', { class: 'cp-evidence-grid' }, reviewersBox(pack.reviewDecisions), deliveriesBox(pack.deliveriesByChannelAndStatus),
      modelCallsBox(pack.modelCalls), sourcesBox(pack.sources)),
    variantsSection(pack.variants),
    timelineSection(pack.timeline));
}

/** The copy as it stands (as it went out, for a published campaign): who wrote it, who edited it, what it cites. */
function variantsSection(variants) {
  if (!variants || !variants.length) return null;
  return h('div', { class: 'cp-variants' }, h('h3', {}, 'Copy as approved'),
    h('table', { class: 'table table-condensed cp-table cp-copy' },
      h('thead', {}, h('tr', {}, ['Variant', 'Copy', 'Written by', 'Edited by', 'Cites'].map((t) => h('th', {}, t)))),
      h('tbody', {}, variants.map((v) => h('tr', { 'data-variant': `${v.channel}#${v.variantNo}` },
        h('td', { class: 'cp-nowrap' }, `${CHANNEL[String(v.channel).toLowerCase()] || v.channel} · variant ${v.variantNo}`),
        h('td', {}, Object.entries(v.fields || {}).map(([field, text]) => h('div', { class: 'cp-copy-field' },
          h('span', { class: 'cp-note' }, `${field}: `), text))),
        h('td', {}, v.generator === 'grounded' ? 'grounded generator' : [v.generator, v.model].filter(Boolean).join(' · '),
          v.fallbackReason ? h('div', { class: 'cp-note' }, `fallback: ${v.fallbackReason}`) : null),
        h('td', {}, v.editedBy || '–'),
        h('td', { class: 'cp-note' }, (v.citedSources || []).map((c) => `[${c.number}] ${c.docId} v${c.version}`).join(', ') || '–'))))));
}

/** Whether the hash chain holds, or which entry breaks it and why. */
function chainPanel(v) {
  if (!v || (v.entries === 0 && !v.head)) {
    return h('div', { class: 'cp-chain cp-warn' }, h('strong', {}, 'No audit trail recorded'));
  }
  if (v.intact) {
    return h('div', { class: 'cp-chain cp-good', 'data-intact': 'true' },
      h('strong', {}, 'Audit trail intact'),
      h('p', {}, `${count(v.entries)} entries checked, each chained to the one before it${v.redacted && v.redacted.length
        ? `; ${v.redacted.length} redacted by a personal-data erasure that names them` : ''}${v.unchained ? `; ${v.unchained} written before chaining, not verifiable` : ''}.`),
      h('p', { class: 'cp-note' }, 'Head of the chain: ', h('code', {}, v.head || '–'),
        '. Keep it in your working papers: a later check that ends at another head means the trail was rewritten.'));
  }
  const b = v.firstBreak || {};
  return h('div', { class: 'cp-chain cp-bad', 'data-intact': 'false', role: 'alert' },
    h('strong', {}, 'Audit trail broken'),
    h('p', { class: 'cp-chain-break' }, b.entryId
      ? `Entry ${b.seq} (${words(b.kind)}, record ${b.entryId}): ${b.reason}.`
      : `At entry ${b.seq}: ${b.reason}.`),
    h('p', { class: 'cp-note' }, `${count(v.entries)} entries in the trail. What the trail says from this entry on cannot be taken as recorded; `
      + 'compare with an earlier export of the audit package.'));
}

function box(title, ...content) {
  return h('div', { class: 'cp-box' }, h('h3', {}, title), ...content);
}

function reviewersBox(decisions) {
  const people = (decisions || []).filter((d) => d.reviewer && d.reviewer !== 'system');
  return box('Reviewers', (decisions || []).length === 0 ? h('p', { class: 'cp-muted' }, 'No review decision recorded.')
    : h('ul', { class: 'cp-reviewers' }, decisions.map((d) => h('li', {},
      h('strong', {}, d.reviewer === 'system' ? 'Approved without a reviewer (low risk)' : `${d.reviewer} ${DECIDED[d.decision] || d.decision}`),
      ` — ${d.review}, round ${d.round}, ${time(d.decidedAt)}`,
      d.comment ? h('div', { class: 'cp-note' }, `“${d.comment}”`) : null))),
    people.length ? null : h('p', { class: 'cp-note' }, 'No person reviewed this campaign.'));
}

function deliveriesBox(byChannel) {
  const channelsSent = Object.entries(byChannel || {});
  if (!channelsSent.length) return box('Deliveries', h('p', { class: 'cp-muted' }, 'Nothing was sent.'));
  const statuses = [...new Set(channelsSent.flatMap(([, s]) => Object.keys(s)))].sort();
  return box('Deliveries', h('table', { class: 'table table-condensed cp-table cp-deliveries' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Channel'), statuses.map((s) => h('th', { class: 'cp-number' }, words(s))))),
    h('tbody', {}, channelsSent.map(([channel, s]) => h('tr', { 'data-channel': channel }, h('td', {}, CHANNEL[channel] || channel),
      statuses.map((status) => h('td', { class: 'cp-number' }, count(s[status] || 0))))))),
  h('p', { class: 'cp-note' }, 'Counts per channel and status; who received what is not part of the evidence.'));
}

function modelCallsBox(calls) {
  const list = calls || [];
  const tokens = list.reduce((sum, c) => sum + (c.promptTokens || 0) + (c.completionTokens || 0), 0);
  const cost = list.reduce((sum, c) => sum + (c.cost ? Number(c.cost) : 0), 0);
  const models = [...new Set(list.map((c) => c.model || (c.generator === 'grounded' ? 'grounded generator (no model)' : c.generator)))];
  return box('Copy writing', h('p', {}, `${count(list.length)} calls · ${count(tokens)} tokens · ${pence(cost)}`),
    h('p', { class: 'cp-note' }, models.join(', ') || 'no calls recorded'));
}

function sourcesBox(sources) {
  const docs = [...new Map((sources || []).map((s) => [`${s.docId} v${s.version}`, s])).values()];
  return box('Sources retrieved', h('p', {}, `${count((sources || []).length)} passages from ${count(docs.length)} approved documents`),
    h('ul', { class: 'cp-sources' }, docs.map((s) => h('li', {}, `${s.title} `, h('span', { class: 'cp-note' }, `${s.docId} v${s.version} · ${words(s.type)}`)))));
}

function timelineSection(events) {
  const present = KINDS.filter((k) => events.some((e) => e.kind === k));
  const others = [...new Set(events.map((e) => e.kind))].filter((k) => !KINDS.includes(k));
  const rows = h('tbody', {});
  const note = h('span', { class: 'cp-note' });
  const show = (kind) => {
    const shown = events.filter((e) => !kind || e.kind === kind);
    note.textContent = `${count(shown.length)} of ${count(events.length)} events`;
    rows.replaceChildren(...shown.map((e) => h('tr', { 'data-kind': e.kind },
      h('td', { class: 'cp-nowrap', title: e.at }, instant(e.at)),
      h('td', { class: 'cp-nowrap' }, h('span', { class: `cp-kind cp-kind-${e.kind.toLowerCase().replace(/[^a-z]+/g, '-')}` }, e.kind)),
      h('td', {}, e.actor || '–'),
      h('td', {}, h('div', { class: 'cp-summary' }, e.summary),
        e.details && Object.keys(e.details).length ? h('details', {}, h('summary', {}, 'Details'),
          h('pre', { class: 'cp-details' }, JSON.stringify(e.details, null, 2))) : null))));
  };
  const filter = h('select', { class: 'form-control input-sm', name: 'kind', onchange: (e) => show(e.target.value) },
    h('option', { value: '' }, 'Everything'), [...present, ...others].map((k) => h('option', { value: k }, k)));
  show('');
  return h('div', { class: 'cp-timeline' }, h('h3', {}, 'Evidence timeline'),
    h('form', { class: 'form-inline cp-filters', onsubmit: (e) => e.preventDefault() }, h('label', {}, 'Show ', filter), ' ', note),
    h('table', { class: 'table table-condensed cp-table cp-events' },
      h('thead', {}, h('tr', {}, ['When', 'What', 'Who', 'What happened'].map((t) => h('th', {}, t)))), rows));
}

function scorecardPage(container) {
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const state = { from: iso(new Date(today.getTime() - 30 * 86400000)), to: iso(new Date(today.getTime() + 86400000)) };
  const body = h('div', {}, h('p', { class: 'cp-muted' }, 'Loading the scorecard…'));
  const date = (name) => h('input', { type: 'date', class: 'form-control input-sm', name, value: state[name], onchange: (e) => { state[name] = e.target.value; load(); } });
  container.append(tabs('scorecard'), h('h2', {}, 'Scorecard'),
    h('p', { class: 'cp-lead' }, 'The campaigns registered in a period: how fast they went, how review went, what went wrong, stock, what writing and sending cost, what the rules found and what the campaigns earned.'),
    h('form', { class: 'form-inline cp-filters', onsubmit: (e) => e.preventDefault() },
      h('label', {}, 'Registered from ', date('from')), h('label', {}, 'to (not including) ', date('to'))),
    body);

  async function load() {
    destroyCharts();
    try {
      body.replaceChildren(scorecard(await api(`/api/scorecard?from=${state.from}&to=${state.to}`)));
    } catch (error) {
      body.replaceChildren(problem(error));
    }
  }
  load();
}

function scorecard(s) {
  const minutes = (v) => (v === null || v === undefined ? '–' : v < 120 ? `${v.toFixed(0)} min` : `${(v / 60).toFixed(1)} h`);
  const ratio = (v) => (v === null || v === undefined ? '–' : v.toFixed(2));
  const section = (title, rows) => h('div', { class: 'cp-score-section' }, h('h3', {}, title),
    h('table', { class: 'table table-condensed cp-table' }, h('tbody', {}, rows.map(([label, value, note]) => h('tr', {},
      h('th', { scope: 'row' }, label), h('td', { class: 'cp-number' }, value, note ? h('div', { class: 'cp-note' }, note) : null))))));
  const r = s.results;
  const range = (estimate, low, high) => (estimate === null || estimate === undefined ? '–'
    : `${signedMoney(Number(estimate))} (95 % interval ${signedMoney(Number(low))} to ${signedMoney(Number(high))})`);
  const sum = (estimate, low, high) => (estimate === null || estimate === undefined ? ['–']
    : [signedMoney(Number(estimate)), `95 % interval ${signedMoney(Number(low))} to ${signedMoney(Number(high))}`]);
  const page = h('div', { class: 'cp-scorecard' },
    h('p', { class: 'cp-meta' }, `${count(s.campaigns)} campaigns registered from ${day(s.from)} up to ${day(s.to)}.`),
    h('div', { class: 'cp-score-grid' },
      section('Results', [
        ['Campaigns measured', count(r.measured)],
        ['Incremental revenue', ...sum(r.incrementalRevenue, r.incrementalRevenueLow, r.incrementalRevenueHigh)],
        ['Incremental contribution', ...sum(r.contributionMargin, r.contributionMarginLow, r.contributionMarginHigh)],
        ...Object.entries(r.verdicts || {}).map(([v, n]) => [`Verdict: ${(VERDICT[v] || { label: v }).label}`, count(n)]),
      ]),
      section('Flow', [['Published', count(s.flow.published)], ['Trigger to published, median', minutes(s.flow.cycleMinutesP50)],
        ['Trigger to published, 90th percentile', minutes(s.flow.cycleMinutesP90)]]),
      section('Review', [['Turnaround, median', minutes(s.review.turnaroundMinutesP50)], ['Turnaround, 90th percentile', minutes(s.review.turnaroundMinutesP90)],
        ['Approved without a reviewer', share(s.review.autoApprovedShare)], ['Approved in the first round', share(s.review.approvedFirstTimeShare)],
        ['Changes requested per reviewed campaign', ratio(s.review.changesRequestedPerReviewed)], ['Reviewer edits per reviewed campaign', ratio(s.review.editsPerReviewed)]]),
      section('Exceptions', [['Ended', count(s.exceptions.ended)], ['Not viable', share(s.exceptions.notViableShare)],
        ['Rejected', share(s.exceptions.rejectedShare)], ['Withdrawn', share(s.exceptions.withdrawnShare)],
        ...Object.entries(s.exceptions.endedBy || {}).map(([status, n]) => [`Ended as ${(STATUS[status] || status).toLowerCase()}`, count(n)]),
        ['Rolled back (withdrawn after sending began)', count(s.exceptions.rolledBack)],
        ['Incidents open now', count(s.exceptions.openIncidents), `in ${count(s.exceptions.campaignsWithIncidents)} campaigns`]]),
      section('Inventory', [['Promoted products sent', count(s.inventory.promotedAtSend)],
        ['In stock when sent', share(s.inventory.inStockAtSendShare)],
        ['Sold out by the window\'s close', count(s.inventory.stockOutsInWindow), `of ${count(s.inventory.readAtWindowEnd)} read again (${share(s.inventory.stockOutShare)})`]]),
      section('Costs', [['Model calls', pence(num(s.costs.ai))], ['Sending', pence(num(s.costs.send))],
        ['Total', pence(num(s.costs.total))], ['Per campaign', pence(num(s.costs.perCampaign))],
        ['Per asset', pence(num(s.costs.perAsset)), `${count(s.costs.assets)} channel variants`]]),
      section('Models', [['Calls', count(s.models.calls)], ['Tokens (prompt / completion)', `${count(s.models.promptTokens)} / ${count(s.models.completionTokens)}`],
        ['Latency, 95th percentile', s.models.latencyMsP95 === null ? '–' : `${count(Math.round(s.models.latencyMsP95))} ms`],
        ['Failed calls', share(s.models.failureRate)], ['Variants written without the model (fallback)', share(s.models.fallbackRate)],
        ['Cost', pence(num(s.models.cost))], ['Cost per campaign', pence(num(s.models.costPerCampaign))]]),
      section('Audit', [['Ended campaigns whose trail records how they ended', share(s.audit.endedWithTrailShare)]])));

  const chartGrid = h('div', { class: 'cp-charts' });
  page.append(chartGrid);
  if (r.incrementalRevenue !== null && r.incrementalRevenue !== undefined) {
    const fig = figure('scorecard-results', 'What the measured campaigns earned',
      `Incremental revenue ${range(r.incrementalRevenue, r.incrementalRevenueLow, r.incrementalRevenueHigh)}; `
      + `contribution ${range(r.contributionMargin, r.contributionMarginLow, r.contributionMarginHigh)}.`);
    chartGrid.append(fig.element);
    intervalChart(fig, {
      labels: ['Incremental revenue', 'Incremental contribution'],
      values: [num(r.incrementalRevenue), num(r.contributionMargin)],
      intervals: [[num(r.incrementalRevenueLow), num(r.incrementalRevenueHigh)], [num(r.contributionMarginLow), num(r.contributionMarginHigh)]],
      colours: [COLOURS.treatment, COLOURS.lift],
      format: (v) => money(v),
      zeroLine: true,
    });
  }
  const findings = Object.entries(s.findingsByRule || {}).sort((a, b) => b[1] - a[1]);
  if (findings.length) {
    const fig = figure('findings', 'What the rules found at review', findings.map(([rule, n]) => `${rule}: ${n}`).join(', ') + '.');
    chartGrid.append(fig.element);
    draw(fig, {
      type: 'bar',
      data: { labels: findings.map(([rule]) => rule), datasets: [{ data: findings.map(([, n]) => n), backgroundColor: COLOURS.neutral, maxBarThickness: 22 }] },
      options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  return page;
}

// --- the plugin points

function stylesheet() {
  const href = new URL('campaigns.css', import.meta.url).href;
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(h('link', { rel: 'stylesheet', href }));
}

function page(render) {
  return (node) => {
    stylesheet();
    destroyCharts();
    const container = h('div', { class: 'cp-results' });
    node.append(container);
    render(container);
  };
}

export default [
  {
    id: 'campaignpilot.campaigns.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    render: (node) => {
      node.append(h('a', { href: '#/campaigns' }, 'Campaigns'));
    },
    properties: {
      pagePath: '#/campaigns',
      label: 'Campaigns',
      checkActive: (path) => path.includes('#/campaigns') || path.includes('#/scorecard'),
    },
  },
  {
    id: 'campaignpilot.campaigns.list',
    pluginPoint: 'cockpit.route',
    properties: { path: '/campaigns', label: 'Campaigns' },
    render: page(listPage),
    unmount: destroyCharts,
  },
  {
    id: 'campaignpilot.campaigns.result',
    pluginPoint: 'cockpit.route',
    properties: { path: '/campaigns/:id', label: 'Campaign result' },
    render: page((container) => campaignPage(container, decodeURIComponent(window.location.hash.replace(/^#\/campaigns\//, '').split('?')[0]))),
    unmount: destroyCharts,
  },
  {
    id: 'campaignpilot.campaigns.evidence',
    pluginPoint: 'cockpit.route',
    properties: { path: '/campaigns/:id/evidence', label: 'Campaign evidence' },
    render: page((container) => evidencePage(container, decodeURIComponent(window.location.hash
      .replace(/^#\/campaigns\//, '').split('?')[0].replace(/\/evidence$/, '')))),
  },
  {
    id: 'campaignpilot.scorecard',
    pluginPoint: 'cockpit.route',
    properties: { path: '/scorecard', label: 'Scorecard' },
    render: page(scorecardPage),
    unmount: destroyCharts,
  },
];
