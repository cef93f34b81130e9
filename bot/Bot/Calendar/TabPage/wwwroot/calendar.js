// The content calendar tab: lanes (the team's social channels) down, days across, one chip per post and lane; week or
// month; filters; a details dialog with the post's texts, reviews and an accessible move form; drag and drop to
// another day. Every rule lives on the server: the page shows what the API says and sends what the person asks.

import { languageOf, textsFor, stateOrder } from './i18n.js';
import { addDays, addMonths, dayFormat, daysBetween, firstOfMonth, isDay, isoWeek, lastOfMonth, mondayOf, todayIn } from './dates.js';
import {
  apiClient, connect, developmentToken, NotFoundError, NotInTeamsError, RefusedError, SignInError, TeamsUnavailableError,
} from './host.js';

const $ = id => document.getElementById(id);

const state = {
  host: null,
  api: null,
  t: textsFor('en'),
  locale: 'en-US',
  teamId: null,
  teams: [],
  view: 'week',
  anchor: null,
  data: null,
  filters: { platform: '', person: '', state: '' },
  focus: { row: 1, col: 1 },
  openPostId: null,
  returnFocusTo: null,
  draggedPost: null,
};

function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'className') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child);
    }
  }
  return node;
}

function setStatus(text) {
  $('status').textContent = text ?? '';
}

function showAlert(text) {
  const alert = $('alert');
  alert.textContent = text ?? '';
  alert.hidden = !text;
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = ['dark', 'contrast'].includes(theme) ? theme : 'default';
}

function applyLanguage(locale) {
  const language = languageOf(locale);
  state.locale = locale;
  state.t = textsFor(language);
  document.documentElement.lang = language;
  return language;
}

function range() {
  if (state.view === 'month') {
    return { from: firstOfMonth(state.anchor), to: lastOfMonth(state.anchor) };
  }
  const from = mondayOf(state.anchor);
  return { from, to: addDays(from, 6) };
}

function teamOf(teamId) {
  return state.teams.find(team => team.id === teamId) ?? state.data?.teams?.find(team => team.id === teamId) ?? null;
}

function stateWord(value) {
  return state.t.states[value] ?? value;
}

// ---------------------------------------------------------------- toolbar

function renderToolbar() {
  const t = state.t;
  const team = state.teamId ? teamOf(state.teamId) : null;
  const title = state.teamId ? (team ? t.calendarOf(team.name) : t.calendar) : t.myPlan;
  $('title').textContent = title;
  document.title = title;
  const month = state.view === 'month';
  $('previous').textContent = `‹ ${month ? t.previousMonth : t.previousWeek}`;
  $('next').textContent = `${month ? t.nextMonth : t.nextWeek} ›`;
  $('today').textContent = t.today;
  $('view-week').textContent = t.week;
  $('view-month').textContent = t.month;
  $('view-week').setAttribute('aria-pressed', String(!month));
  $('view-month').setAttribute('aria-pressed', String(month));
  const { from, to } = range();
  if (month) {
    $('range').textContent = new Intl.DateTimeFormat(state.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(`${from}T00:00:00Z`));
  } else {
    const format = dayFormat(state.locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
    $('range').textContent = `${t.weekLabel(isoWeek(from))}: ${t.weekRange(format(from), format(to))}`;
  }
  $('filter-platform-label').textContent = t.platform;
  $('filter-person-label').textContent = t.person;
  $('filter-state-label').textContent = t.state;
  $('grid-help').textContent = t.gridHelp;
  $('details-close').textContent = t.close;
  $('navigation').hidden = false;
}

function fillSelect(select, options, selected) {
  select.replaceChildren(element('option', { value: '', text: state.t.all }),
    ...options.map(([value, label]) => element('option', { value, text: label, selected: value === selected })));
  if (!options.some(([value]) => value === selected)) {
    select.value = '';
  }
}

function renderFilters() {
  const data = state.data;
  const platforms = [...new Set(data.lanes.map(lane => lane.platform))].sort().map(platform => [platform, platform]);
  const people = new Map(data.posts.map(post => [post.author.id, post.author.name]));
  const persons = [...people].sort((a, b) => a[1].localeCompare(b[1], state.locale));
  const states = stateOrder.map(value => [value, stateWord(value)]);
  fillSelect($('filter-platform'), platforms, state.filters.platform);
  fillSelect($('filter-person'), persons, state.filters.person);
  fillSelect($('filter-state'), states, state.filters.state);
  for (const [key, id] of [['platform', 'filter-platform'], ['person', 'filter-person'], ['state', 'filter-state']]) {
    state.filters[key] = $(id).value;
  }
  $('filters').hidden = false;
}

// ---------------------------------------------------------------- grid

function visibleLanes() {
  return state.data.lanes.filter(lane => !state.filters.platform || lane.platform === state.filters.platform);
}

function postsOf(lane, day) {
  return state.data.posts
    .filter(post => post.teamId === lane.teamId && post.socialChannelIds.includes(lane.socialChannelId) && post.localDate === day)
    .filter(post => !state.filters.person || post.author.id === state.filters.person)
    .filter(post => !state.filters.state || post.state === state.filters.state)
    .sort((a, b) => a.localTime.localeCompare(b.localTime) || a.title.localeCompare(b.title));
}

function goalText(lane) {
  const t = state.t;
  if (lane.goalPerWeek === null || lane.goalPerWeek === undefined) {
    return [element('span', { className: 'goal', text: t.noGoal })];
  }
  const weeks = lane.weeks ?? [];
  const lines = [element('span', { className: 'goal', text: t.goalPerWeek(lane.goalPerWeek) })];
  for (const week of weeks) {
    const short = week.goal !== null && week.planned < week.goal;
    const text = weeks.length === 1 ? t.goal(week.planned, week.goal) : `${t.weekLabel(isoWeek(week.weekStart))}: ${t.goal(week.planned, week.goal)}`;
    lines.push(element('span', { className: short ? 'week-count short' : 'week-count', text, dataset: { weekStart: week.weekStart } }));
  }
  return lines;
}

function postChip(post, lane) {
  const t = state.t;
  const word = stateWord(post.state);
  const label = t.postLabel(post.localTime, post.title, lane.platform, post.author.name, word);
  const chip = element('button', {
    type: 'button',
    className: `post state-${post.state}${post.canMove ? ' movable' : ''}`,
    tabindex: '-1',
    draggable: post.canMove ? 'true' : 'false',
    'aria-label': label,
    dataset: { postId: post.id, state: post.state },
    onclick: () => openDetails(post.id, chip),
    ondragstart: event => {
      state.draggedPost = post;
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', post.id);
      chip.classList.add('dragging');
    },
    ondragend: () => {
      state.draggedPost = null;
      chip.classList.remove('dragging');
      document.querySelectorAll('.drop-target').forEach(cell => cell.classList.remove('drop-target'));
    },
  },
  element('span', { className: 'time', text: post.localTime }),
  element('span', { className: 'platform', text: lane.platform }),
  element('span', { className: 'title', text: post.title }),
  element('span', { className: 'author', text: post.author.name }),
  element('span', { className: 'state-word', text: word }));
  return chip;
}

function dayCell(lane, day, column, today) {
  const t = state.t;
  const gap = (lane.gapDays ?? []).includes(day);
  const posts = postsOf(lane, day);
  const cell = element('div', {
    role: 'gridcell',
    className: `cell${gap ? ' gap' : ''}${day === today ? ' today' : ''}`,
    tabindex: '-1',
    'aria-colindex': String(column),
    dataset: { date: day, lane: `${lane.teamId}|${lane.socialChannelId}`, teamId: lane.teamId },
    ondragover: event => {
      if (state.draggedPost && state.draggedPost.teamId === lane.teamId) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        cell.classList.add('drop-target');
      }
    },
    ondragleave: () => cell.classList.remove('drop-target'),
    ondrop: event => {
      event.preventDefault();
      cell.classList.remove('drop-target');
      const post = state.draggedPost;
      state.draggedPost = null;
      if (post && post.localDate !== day) {
        movePost(post, day, post.localTime, null);
      }
    },
  });
  if (gap) {
    cell.append(element('span', { className: 'gap-marker', title: t.gapLong },
      element('span', { 'aria-hidden': 'true', text: '⚠ ' }), element('span', { className: 'gap-word', text: t.gap }),
      element('span', { className: 'visually-hidden', text: `: ${t.gapLong}` })));
  }
  for (const post of posts) {
    cell.append(postChip(post, lane));
  }
  return cell;
}

function renderGrid() {
  const t = state.t;
  const grid = $('grid');
  const { from, to } = range();
  const days = daysBetween(from, to);
  const lanes = visibleLanes();
  const several = new Set(state.data.lanes.map(lane => lane.teamId)).size > 1;
  const today = todayIn(teamOf(state.teamId ?? state.data.teams?.[0]?.id)?.timeZone ?? 'Europe/Berlin');
  const headFormat = dayFormat(state.locale, state.view === 'month' ? { weekday: 'short', day: 'numeric' } : { weekday: 'short', day: '2-digit', month: '2-digit' });
  const fullFormat = dayFormat(state.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

  grid.className = `grid view-${state.view} days-${days.length}`;
  grid.setAttribute('aria-rowcount', String(lanes.length + 1));
  grid.setAttribute('aria-colcount', String(days.length + 1));
  const head = element('div', { role: 'row', className: 'row head', 'aria-rowindex': '1' },
    element('div', { role: 'columnheader', className: 'lane-head', tabindex: '-1', 'aria-colindex': '1', text: t.socialChannel }),
    days.map((day, index) => element('div', {
      role: 'columnheader',
      className: `day-head${day === today ? ' today' : ''}`,
      tabindex: '-1',
      'aria-colindex': String(index + 2),
      'aria-label': fullFormat(day),
      'aria-current': day === today ? 'date' : null,
      dataset: { date: day },
      text: headFormat(day),
    })));
  const rows = lanes.map((lane, laneIndex) => element('div', {
    role: 'row', className: 'row lane', 'aria-rowindex': String(laneIndex + 2), dataset: { lane: `${lane.teamId}|${lane.socialChannelId}` },
  },
  element('div', { role: 'rowheader', className: 'lane-head', tabindex: '-1', 'aria-colindex': '1' },
    element('span', { className: 'lane-name', text: lane.name }),
    element('span', { className: 'lane-platform', text: lane.platform }),
    several ? element('span', { className: 'lane-team', text: teamOf(lane.teamId)?.name ?? '' }) : null,
    goalText(lane)),
  days.map((day, index) => dayCell(lane, day, index + 2, today))));
  grid.replaceChildren(head, ...rows);
  $('grid-scroller').hidden = false;

  const shown = new Set();
  grid.querySelectorAll('.post').forEach(chip => shown.add(chip.dataset.postId));
  setStatus(lanes.length === 0 ? t.noLanes : t.loaded(shown.size));
  state.focus.row = Math.min(state.focus.row, lanes.length);
  state.focus.col = Math.min(state.focus.col, days.length);
  setRovingFocus(false);
}

function cellAt(row, col) {
  const rowNode = $('grid').querySelectorAll('[role="row"]')[row];
  return rowNode?.children[col] ?? null;
}

function setRovingFocus(moveFocus) {
  const grid = $('grid');
  const rows = grid.querySelectorAll('[role="row"]');
  if (rows.length === 0) {
    return;
  }
  const row = Math.max(0, Math.min(state.focus.row, rows.length - 1));
  const col = Math.max(0, Math.min(state.focus.col, rows[row].children.length - 1));
  state.focus = { row, col };
  grid.querySelectorAll('[tabindex="0"]').forEach(node => node.setAttribute('tabindex', '-1'));
  const target = cellAt(row, col);
  target.setAttribute('tabindex', '0');
  if (moveFocus) {
    target.focus();
  }
}

function positionOf(cell) {
  const rowNode = cell.parentElement;
  const rows = [...$('grid').querySelectorAll('[role="row"]')];
  return { row: rows.indexOf(rowNode), col: [...rowNode.children].indexOf(cell) };
}

function onGridKeyDown(event) {
  const target = event.target;
  const cell = target.closest('[role="gridcell"], [role="columnheader"], [role="rowheader"]');
  if (!cell) {
    return;
  }
  if (target.classList.contains('post')) {
    const posts = [...cell.querySelectorAll('.post')];
    const index = posts.indexOf(target);
    if (event.key === 'ArrowDown' && index < posts.length - 1) {
      posts[index + 1].focus();
      event.preventDefault();
      return;
    }
    if (event.key === 'ArrowUp' && index > 0) {
      posts[index - 1].focus();
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape') {
      cell.focus();
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      return;
    }
  }
  const rows = $('grid').querySelectorAll('[role="row"]');
  const { row, col } = positionOf(cell);
  let next = null;
  switch (event.key) {
    case 'ArrowRight': next = { row, col: col + 1 }; break;
    case 'ArrowLeft': next = { row, col: col - 1 }; break;
    case 'ArrowDown': next = { row: row + 1, col }; break;
    case 'ArrowUp': next = { row: row - 1, col }; break;
    case 'Home': next = event.ctrlKey ? { row: 0, col: 0 } : { row, col: 0 }; break;
    case 'End': next = event.ctrlKey ? { row: rows.length - 1, col: rows[row].children.length - 1 } : { row, col: rows[row].children.length - 1 }; break;
    case 'Enter':
    case 'F2': {
      const first = cell.querySelector('.post');
      if (first && target === cell) {
        first.focus();
        event.preventDefault();
      }
      return;
    }
    default: return;
  }
  event.preventDefault();
  if (next.row < 0 || next.row >= rows.length || next.col < 0 || next.col >= rows[next.row].children.length) {
    return;
  }
  state.focus = next;
  setRovingFocus(true);
}

// ---------------------------------------------------------------- loading

async function loadCalendar() {
  const { from, to } = range();
  renderToolbar();
  setStatus(state.t.loading);
  showAlert('');
  const query = new URLSearchParams({ from, to });
  if (state.teamId) {
    query.set('team', state.teamId);
  }
  try {
    state.data = await state.api.get(`/api/tab/calendar?${query}`);
  } catch (error) {
    handleError(error);
    return;
  }
  if (Array.isArray(state.data.teams) && state.data.teams.length > 0) {
    for (const team of state.data.teams) {
      if (!state.teams.some(known => known.id === team.id)) {
        state.teams.push(team);
      }
    }
  }
  renderToolbar();
  renderFilters();
  renderGrid();
}

function handleError(error) {
  const t = state.t;
  $('grid').replaceChildren();
  $('grid-scroller').hidden = true;
  $('filters').hidden = true;
  setStatus('');
  if (error instanceof SignInError) {
    showAlert(t.signInFailed);
  } else if (error instanceof NotFoundError) {
    showAlert(t.notFound);
  } else {
    showAlert(t.loadFailed);
    console.error(error);
  }
}

// ---------------------------------------------------------------- details dialog

function section(title, ...content) {
  return element('section', { className: 'details-section' }, element('h3', { text: title }), ...content);
}

/** A moment (a decision, a comment) in the team's zone, like every time in the calendar; never the browser's. */
function timestamp(value, timeZone) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  try {
    return new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

function renderDetails(post) {
  const t = state.t;
  const team = teamOf(post.teamId);
  const zone = team?.timeZone ?? '';
  const fullFormat = dayFormat(state.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  $('details-title').textContent = post.title;
  const body = $('details-body');

  const summary = element('dl', { id: 'details-summary', className: 'facts' },
    element('dt', { text: t.state }), element('dd', {}, element('span', { className: `badge state-${post.state}`, text: stateWord(post.state) })),
    element('dt', { text: t.plannedAt }), element('dd', { text: post.localDate ? t.plannedIn(fullFormat(post.localDate), post.localTime, zone) : '–' }),
    element('dt', { text: t.author }), element('dd', { text: post.author?.name ?? '' }),
    (post.tags ?? []).length > 0 ? [element('dt', { text: t.tags }), element('dd', { text: post.tags.map(tag => `#${tag}`).join(' ') })] : null);

  const variants = section(t.texts, ...(post.variants ?? []).map(variant => element('article', { className: 'variant' },
    element('h4', { text: `${variant.name} (${variant.platform})` }),
    element('p', { className: 'variant-text', text: variant.text }))));

  const reviewers = section(t.reviewers, element('ul', {}, (post.reviewers ?? []).map(reviewer =>
    element('li', { text: reviewer.level ? `${reviewer.name} (${t.reviewLevel(reviewer.level)})` : reviewer.name }))));

  const decisions = section(t.decisions, (post.decisions ?? []).length === 0
    ? element('p', { text: t.noDecisions })
    : element('ul', {}, post.decisions.map(decision => element('li', { className: `decision decision-${decision.decision}` },
      element('strong', { text: `${decision.by} ${t.decisionWords[decision.decision] ?? decision.decision}` }),
      decision.comment ? `: „${decision.comment}“` : '',
      element('span', { className: 'when', text: ` · ${timestamp(decision.at, zone || undefined)}` })))));

  const comments = section(t.comments, (post.comments ?? []).length === 0
    ? element('p', { text: t.noComments })
    : element('ul', {}, post.comments.map(comment => element('li', {},
      element('strong', { text: comment.by }), `: ${comment.text}`, element('span', { className: 'when', text: ` · ${timestamp(comment.at, zone || undefined)}` })))));

  const checklist = (post.checklist ?? []).length === 0 ? null : section(t.checklist, element('ul', { className: 'checklist' },
    post.checklist.map(item => element('li', { className: item.done ? 'done' : 'open' },
      element('span', { 'aria-hidden': 'true', text: item.done ? '☑ ' : '☐ ' }), item.text,
      element('span', { className: 'check-word', text: ` (${item.done ? t.checkDone : t.checkOpen})` })))));

  const card = post.approvalCardUrl
    ? element('p', {}, element('a', { href: post.approvalCardUrl, target: '_blank', rel: 'noopener noreferrer', text: t.approvalCard }))
    : element('p', { className: 'muted', text: t.noApprovalCard });

  const moveMessage = element('p', { id: 'move-message', className: 'move-message', role: 'alert' });
  let move;
  if (post.canMove) {
    const date = element('input', { type: 'date', id: 'move-date', name: 'date', required: true, value: post.localDate ?? '' });
    const time = element('input', { type: 'time', id: 'move-time', name: 'time', required: true, value: post.localTime ?? '' });
    move = element('form', {
      className: 'move-form',
      onsubmit: event => {
        event.preventDefault();
        movePost(post, date.value, time.value, moveMessage);
      },
    },
    element('fieldset', {},
      element('legend', { text: `${t.move} (${zone})` }),
      element('label', { for: 'move-date', text: t.moveDate }), date,
      element('label', { for: 'move-time', text: t.moveTime }), time,
      element('button', { type: 'submit', text: t.moveButton })),
    moveMessage);
  } else {
    move = element('p', { className: 'muted move-not-allowed', text: t.moveNotAllowed });
  }

  body.replaceChildren(summary, move, card, variants, reviewers, decisions, comments, checklist ?? '');
}

async function openDetails(postId, opener) {
  const dialog = $('details');
  state.openPostId = postId;
  state.returnFocusTo = opener ?? document.activeElement;
  $('details-title').textContent = state.t.details;
  $('details-body').replaceChildren(element('p', { text: state.t.loading }));
  if (!dialog.open) {
    dialog.showModal();
  }
  try {
    const post = await state.api.get(`/api/tab/posts/${encodeURIComponent(postId)}`);
    if (state.openPostId !== postId) {
      return;
    }
    renderDetails(post);
    $('details-close').focus();
  } catch (error) {
    dialog.close();
    handleError(error);
  }
}

function closeDetails() {
  const dialog = $('details');
  if (dialog.open) {
    dialog.close();
  }
}

function onDetailsClosed() {
  state.openPostId = null;
  const postId = state.returnFocusTo?.dataset?.postId;
  // The grid may have been drawn anew while the dialog was open; focus goes back to the same post's chip.
  const target = (postId && $('grid').querySelector(`.post[data-post-id="${CSS.escape(postId)}"]`)) || state.returnFocusTo;
  state.returnFocusTo = null;
  if (target && document.contains(target)) {
    target.focus();
  }
}

// ---------------------------------------------------------------- moving

async function movePost(post, date, time, messageNode) {
  const t = state.t;
  const report = text => {
    if (messageNode) {
      messageNode.textContent = text;
    } else {
      showAlert(text);
    }
  };
  report('');
  try {
    const moved = await state.api.post(`/api/tab/posts/${encodeURIComponent(post.id)}/move`, { date, time });
    const format = dayFormat(state.locale, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' });
    const done = t.moved(moved.title ?? post.title, format(moved.localDate ?? date), moved.localTime ?? time);
    await loadCalendar();
    setStatus(done);
    if (messageNode && state.openPostId === post.id) {
      const fresh = await state.api.get(`/api/tab/posts/${encodeURIComponent(post.id)}`);
      renderDetails(fresh);
      $('move-message').textContent = done;
    }
  } catch (error) {
    if (error instanceof RefusedError) {
      report(t.refused(error.message));
    } else if (error instanceof SignInError || error instanceof NotFoundError) {
      closeDetails();
      handleError(error);
    } else {
      report(t.movingFailed);
      console.error(error);
    }
  }
}

// ---------------------------------------------------------------- development sign-in

function setUpDevelopmentSignIn(host) {
  const t = state.t;
  $('dev-banner-text').textContent = t.devBanner;
  $('dev-person-label').textContent = `${t.devPerson} `;
  $('dev-banner').setAttribute('aria-label', t.devBanner);
  $('dev-banner').hidden = false;
  const select = $('dev-person');
  const people = host.people;
  if (people.length === 0) {
    select.disabled = true;
    showAlert(t.devNoPeople);
    return null;
  }
  const remembered = sessionStorage.getItem('calendar-dev-person');
  const chosen = people.some(person => person.id === remembered) ? remembered : people[0].id;
  select.replaceChildren(...people.map(person => element('option', { value: person.id, text: person.name, selected: person.id === chosen })));
  select.value = chosen;
  select.addEventListener('change', () => {
    sessionStorage.setItem('calendar-dev-person', select.value);
    startSession(() => developmentToken(select.value));
  });
  return () => developmentToken(select.value);
}

// ---------------------------------------------------------------- start

async function startSession(getToken) {
  state.api = apiClient(getToken, languageOf(state.locale));
  state.teams = [];
  state.data = null;
  state.anchor ??= todayIn('Europe/Berlin');
  try {
    state.teams = await state.api.get('/api/tab/teams');
  } catch (error) {
    renderToolbar();
    handleError(error);
    return;
  }
  const params = new URLSearchParams(location.search);
  const team = state.teamId ? teamOf(state.teamId) : state.teams[0];
  const requested = params.get('date');
  state.anchor = isDay(requested) ? requested : todayIn(team?.timeZone ?? 'Europe/Berlin');
  if (!state.teamId && state.teams.length === 0) {
    renderToolbar();
    $('grid-scroller').hidden = true;
    setStatus(state.t.noTeams);
    return;
  }
  await loadCalendar();
}

function wireControls() {
  $('previous').addEventListener('click', () => {
    state.anchor = state.view === 'month' ? addMonths(state.anchor, -1) : addDays(mondayOf(state.anchor), -7);
    loadCalendar();
  });
  $('next').addEventListener('click', () => {
    state.anchor = state.view === 'month' ? addMonths(state.anchor, 1) : addDays(mondayOf(state.anchor), 7);
    loadCalendar();
  });
  $('today').addEventListener('click', () => {
    const team = teamOf(state.teamId ?? state.teams[0]?.id);
    state.anchor = todayIn(team?.timeZone ?? 'Europe/Berlin');
    loadCalendar();
  });
  $('view-week').addEventListener('click', () => { state.view = 'week'; loadCalendar(); });
  $('view-month').addEventListener('click', () => { state.view = 'month'; loadCalendar(); });
  for (const [key, id] of [['platform', 'filter-platform'], ['person', 'filter-person'], ['state', 'filter-state']]) {
    $(id).addEventListener('change', () => { state.filters[key] = $(id).value; renderGrid(); });
  }
  $('grid').addEventListener('keydown', onGridKeyDown);
  $('grid').addEventListener('focusin', event => {
    const cell = event.target.closest('[role="gridcell"], [role="columnheader"], [role="rowheader"]');
    if (cell) {
      state.focus = positionOf(cell);
      setRovingFocus(false);
    }
  });
  $('details-close').addEventListener('click', closeDetails);
  $('details').addEventListener('close', onDetailsClosed);
}

async function main() {
  applyLanguage(navigator.language || 'en-US');
  wireControls();
  const params = new URLSearchParams(location.search);
  state.view = params.get('view') === 'month' ? 'month' : 'week';
  setStatus(state.t.signingIn);
  let host;
  try {
    host = await connect();
  } catch (error) {
    setStatus('');
    showAlert(error instanceof NotInTeamsError ? state.t.notInTeams : state.t.teamsUnavailable);
    return;
  }
  state.host = host;
  applyLanguage(host.locale);
  applyTheme(host.theme);
  host.onThemeChange(applyTheme);
  state.teamId = params.get('team') || host.teamId || null;
  setStatus(state.t.signingIn);

  let getToken;
  if (host.kind === 'development') {
    getToken = setUpDevelopmentSignIn(host);
    if (!getToken) {
      setStatus('');
      return;
    }
  } else {
    getToken = () => host.getToken();
  }
  host.loaded();
  await startSession(getToken);
}

main();
