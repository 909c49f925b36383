// One build: its facts, rerun and cancel, its jobs and a live log tail (worker or one job).
import { get, act, follow } from './api.js';
import { h, phaseBadge, duration, running, time, TERMINAL } from './dom.js';

export async function showBuild(main, id) {
  const facts = h('dl', { class: 'facts' });
  const jobs = h('tbody');
  const tabs = h('div', { class: 'tabs', id: 'log-tabs' });
  const log = h('pre', { class: 'log', id: 'log' });
  const logStatus = h('p', { class: 'status-line', id: 'log-status' });
  const message = h('span', { id: 'action-message', class: 'muted' });
  const cancel = h('button', { id: 'cancel', class: 'danger', onclick: () => action('cancel') }, 'Cancel');
  const rerun = h('button', { id: 'rerun', onclick: () => action('rerun') }, 'Rerun');
  const title = h('h1', {}, `Build ${id}`);
  main.replaceChildren(
    h('p', {}, h('a', { href: '/' }, '← all builds')),
    title, facts,
    h('div', { class: 'actions' }, rerun, cancel, message),
    h('h2', {}, 'Jobs'),
    h('table', { id: 'jobs' },
      h('thead', {}, h('tr', {}, ['Job', 'Pod', 'Image', 'Phase', 'Started', 'Finished', 'Duration', 'Exit code'].map((t) => h('th', {}, t)))),
      jobs),
    h('h2', {}, 'Log'), tabs, log, logStatus);

  let build = null;
  let source = 'worker';
  let stream = null;
  let timer = null;
  let settleTries = 0;

  async function refresh() {
    clearTimeout(timer);
    try {
      build = await get(`/builds/${encodeURIComponent(id)}`);
    } catch (e) {
      title.textContent = e.status === 404 ? `Build ${id} not found` : `Build ${id}`;
      facts.replaceChildren(h('dd', { class: 'error' }, e.message));
      if (e.status !== 404) timer = setTimeout(refresh, 3000);
      return;
    }
    showFacts();
    showJobs();
    cancel.disabled = TERMINAL.has(build.phase);
    // after the build ends its workers may still record how its jobs ended: look a few more times
    const settling = build.jobs.some((j) => !TERMINAL.has(j.phase)) && settleTries++ < 10;
    if (!TERMINAL.has(build.phase) || settling) timer = setTimeout(refresh, 1500);
  }

  function showFacts() {
    const rows = [
      ['Project', build.projectName || build.projectId],
      ['Event', `${build.event} (${build.provider})`],
      ['Revision', [build.revision.ref, build.revision.commit].filter(Boolean).join(' @ ')],
      ['Phase', h('span', { id: 'phase' }, phaseBadge(build.phase))],
      ['Created', time(build.createdAt)],
      ['Started', time(build.startedAt)],
      ['Finished', time(build.finishedAt)],
      ['Duration', build.durationMs !== null ? duration(build.durationMs) : running(build.startedAt)],
      ['Exit code', build.exitCode ?? ''],
      ['Message', build.message],
    ];
    facts.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  }

  function showJobs() {
    jobs.replaceChildren(...build.jobs.map((j) => h('tr', { 'data-job': j.pod },
      h('td', {}, j.name), h('td', {}, j.pod), h('td', {}, j.image),
      h('td', {}, phaseBadge(j.phase), TERMINAL.has(build.phase) && !TERMINAL.has(j.phase) ? h('span', { class: 'muted' }, ' (build ended)') : null),
      h('td', {}, time(j.startedAt)), h('td', {}, time(j.finishedAt)),
      h('td', {}, jobDuration(j)),
      h('td', { class: 'exit-code' }, j.exitCode ?? ''))));
    if (!build.jobs.length) jobs.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No jobs yet.')));
    const sources = ['worker', ...build.jobs.map((j) => j.pod)];
    tabs.replaceChildren(...sources.map((s) => h('button', {
      class: s === source ? 'current' : '', 'data-source': s, onclick: () => tail(s) }, s === 'worker' ? 'worker' : s)));
  }

  /** A running job of an ended build stopped when the build did, as far as anyone can tell. */
  function jobDuration(j) {
    if (j.durationMs !== null) return duration(j.durationMs);
    if (TERMINAL.has(build.phase) && build.finishedAt && j.startedAt) {
      return duration(Math.max(0, Date.parse(build.finishedAt) - Date.parse(j.startedAt)));
    }
    return running(j.startedAt);
  }

  function tail(which) {
    source = which;
    if (stream) stream.close();
    log.textContent = '';
    logStatus.textContent = 'following…';
    const path = which === 'worker'
      ? `/builds/${encodeURIComponent(id)}/logs/stream`
      : `/builds/${encodeURIComponent(id)}/jobs/${encodeURIComponent(which)}/logs/stream`;
    stream = follow(path, (line) => {
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.append(line + '\n');
      if (atBottom) log.scrollTop = log.scrollHeight;
    }, (end) => {
      logStatus.textContent = end.error ? end.error : `ended: ${end.phase}`;
      stream = null;
    });
    if (build) showJobs();
  }

  async function action(what) {
    message.textContent = `${what}…`;
    message.className = 'muted';
    try {
      const answer = await act(`/builds/${encodeURIComponent(id)}/${what}`);
      if (what === 'rerun') {
        message.replaceChildren('New build ', h('a', { href: `/builds/${answer.build.id}`, id: 'rerun-link' }, answer.build.id));
      } else {
        message.textContent = answer.status;
      }
    } catch (e) {
      message.textContent = e.message;
      message.className = 'error';
    }
    refresh();
  }

  await refresh();
  tail('worker');
}
