/**
 * The trigger's options as the user reads them: what the Deduplication Memory option says about
 * sizing it.
 */
import {
	DEFAULT_DEDUP_MAX_EVENTS,
	triggerProperties,
} from '../../../nodes/WhatsAppCloud/webhook/description';

describe('Deduplication Memory (Events): the option says how to size it', () => {
	const option = triggerProperties
		.find((p) => p.name === 'options')
		?.options?.find((o) => 'name' in o && o.name === 'dedupMaxEvents') as
		| { description?: string; default?: unknown }
		| undefined;

	it('the memory must cover the whole window; ~3 status events per sent message; 1,000 a day needs ~4,000+; 2,000 is for modest volumes', () => {
		expect(option?.default).toBe(DEFAULT_DEDUP_MAX_EVENTS);
		expect(DEFAULT_DEDUP_MAX_EVENTS).toBe(2000);
		const text = option?.description ?? '';
		expect(text).toMatch(/every event of the whole deduplication window/);
		expect(text).toMatch(/about 3 status events \(sent, delivered, read\)/);
		expect(text).toMatch(/1,000 messages a day needs about 4,000 or more/);
		expect(text).toMatch(/default 2,000 is meant for modest volumes/);
	});
});
