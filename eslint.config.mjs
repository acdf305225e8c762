// n8n's community-node rules (what n8n's package scanner applies) for nodes/ and credentials/.
import { config } from '@n8n/node-cli/eslint';

export default config;
