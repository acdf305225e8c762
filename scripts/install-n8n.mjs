// Installs (once) the real n8n that `npm start` and `npm run test:e2e` use, into the cache folder
// outside the clone. Run under Node 24: `node scripts/node24.cjs node scripts/install-n8n.mjs`.
// Useful to warm a CI machine; the other scripts call the same function themselves.
import { ensureN8nInstalled } from './lib/n8n-install.mjs';

const started = Date.now();
const result = await ensureN8nInstalled();
console.log(
	result.installedNow
		? `n8n ${result.version} installed at ${result.dir}`
		: `n8n ${result.version} already installed at ${result.dir} (checked in ${Date.now() - started} ms)`,
);
