// The dashboard's entry: / shows the build list, /builds/{id} one build.
import { showBuilds } from './builds.js';
import { showBuild } from './build.js';

const main = document.getElementById('main');
const match = location.pathname.match(/^\/builds\/([^/]+)$/);
if (match) {
  showBuild(main, decodeURIComponent(match[1]));
} else {
  showBuilds(main, new URLSearchParams(location.search));
}
