// The build list: projects on the side, filters (project, phase, event), pages, refreshed every 3 s.
import { get } from './api.js';
import { h, phaseBadge, duration, running, time, TERMINAL } from './dom.js';

const PHASES = ['', 'Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const LIMIT = 25;

export async function showBuilds(main, params) {
  const filters = {
    project: params.get('project') || '',
    phase: params.get('phase') || '',
    event: params.get('event') || '',
    offset: Number(params.get('offset') || 0),
  };
  const projectList = h('ul', { class: 'projects', id: 'projects' });
  const table = h('tbody');
  const status = h('p', { class: 'status-line', id: 'builds-status' });
  const pager = h('div', { class: 'pager' });
  const apply = (changes) => {
    Object.assign(filters, changes);
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '' && v !== 0));
    history.replaceState(null, '', query.size ? `/?${query}` : '/');
    refresh();
  };
  const phaseSelect = h('select', { id: 'filter-phase', onchange: (e) => apply({ phase: e.target.value, offset: 0 }) },
    PHASES.map((p) => h('option', { value: p, selected: p === filters.phase }, p || 'any phase')));
  const eventInput = h('input', { id: 'filter-event', placeholder: 'event, e.g. push', value: filters.event,
    onchange: (e) => apply({ event: e.target.value.trim(), offset: 0 }) });
  main.replaceChildren(
    h('div', { class: 'layout' },
      h('aside', {}, h('h2', {}, 'Projects'), projectList),
      h('section', {},
        h('h1', {}, 'Builds'),
        h('div', { class: 'filters' }, phaseSelect, eventInput),
        h('table', { id: 'builds' },
          h('thead', {}, h('tr', {}, ['Build', 'Project', 'Event', 'Phase', 'Created', 'Duration', 'Title'].map((t) => h('th', {}, t)))),
          table),
        pager, status)));

  async function loadProjects() {
    try {
      const { projects } = await get('/projects');
      projectList.replaceChildren(
        h('li', { class: filters.project ? '' : 'current' }, h('a', { href: '/', onclick: (e) => { e.preventDefault(); apply({ project: '', offset: 0 }); } }, 'All projects')),
        ...projects.map((p) => h('li', { class: filters.project === p.id ? 'current' : '', 'data-project': p.id },
          h('a', { href: `/?project=${encodeURIComponent(p.id)}`, onclick: (e) => { e.preventDefault(); apply({ project: p.id, offset: 0 }); } }, p.name || p.id))));
    } catch (e) {
      projectList.replaceChildren(h('li', { class: 'error' }, e.message));
    }
  }

  let timer = null;
  async function refresh() {
    clearTimeout(timer);
    try {
      const page = await get('/builds', { ...filters, offset: filters.offset || '', limit: LIMIT });
      table.replaceChildren(...page.builds.map(row));
      if (!page.builds.length) table.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No builds.')));
      pager.replaceChildren(
        h('button', { disabled: filters.offset === 0, onclick: () => apply({ offset: Math.max(0, filters.offset - LIMIT) }) }, 'Newer'),
        h('span', { class: 'muted' }, `${page.total ? filters.offset + 1 : 0}–${filters.offset + page.builds.length} of ${page.total}`),
        h('button', { disabled: page.nextOffset === null, onclick: () => apply({ offset: page.nextOffset }) }, 'Older'));
      status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      status.classList.remove('error');
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
    timer = setTimeout(refresh, 3000);
  }

  function row(b) {
    const took = b.durationMs !== null ? duration(b.durationMs) : (TERMINAL.has(b.phase) ? '' : running(b.startedAt));
    return h('tr', { 'data-build': b.id },
      h('td', {}, h('a', { href: `/builds/${b.id}` }, b.id)),
      h('td', {}, b.projectName || b.projectId),
      h('td', {}, b.event),
      h('td', {}, phaseBadge(b.phase)),
      h('td', {}, time(b.createdAt)),
      h('td', {}, took),
      h('td', { class: 'title' }, b.shortTitle));
  }

  await Promise.all([loadProjects(), refresh()]);
}
