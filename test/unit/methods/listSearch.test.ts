/**
 * The template picker's list search: the word sent to Meta as its name filter, and the results
 * shown (approved first, with language, category and status).
 */
import {
	nameFilterFor,
	templateSearchResults,
} from '../../../nodes/WhatsAppCloud/methods/listSearch';
import * as t from '../../support/templates.fixtures';

describe("template list search: the word sent as Meta's name filter", () => {
	it('a name-like word of 4+ characters, the longest; the name part of name:language', () => {
		expect(nameFilterFor('mega')).toBe('mega');
		expect(nameFilterFor('promo es')).toBe('promo');
		expect(nameFilterFor('spring tour')).toBe('spring');
		expect(nameFilterFor('  Spring_Promo  ')).toBe('spring_promo');
		expect(nameFilterFor('spring_promo_positional:es')).toBe('spring_promo_positional');
		expect(nameFilterFor('order2024')).toBe('order2024');
	});

	it('nothing for no search, or words that may mean a category, status or language, or cannot be in a name', () => {
		for (const search of [
			undefined,
			'',
			'   ',
			'MARKETING',
			'market',
			'utility',
			'auth',
			'pending',
			'rejected',
			'approved',
			'en_US',
			'pt_br',
			'es_419',
			'de',
			'fr es',
			'abc',
			'a-b',
			'promo!',
		]) {
			expect(nameFilterFor(search)).toBeUndefined();
		}
		expect(nameFilterFor('pending promo')).toBe('promo');
	});
});

describe('template list search', () => {
	it('approved only without a search, sorted, showing language, category and status; value name:language', () => {
		const results = templateSearchResults(t.allTemplates);
		expect(results).toHaveLength(13);
		expect(results[0]).toEqual({
			name: 'club_signup_flow (en_US) · MARKETING · APPROVED',
			value: 'club_signup_flow:en_US',
		});
		expect(results.some((r) => r.name.includes('PENDING'))).toBe(false);
	});

	it('a search finds every status, approved first', () => {
		expect(templateSearchResults(t.allTemplates, 'autumn')).toEqual([
			{ name: 'autumn_launch (en_US) · MARKETING · PENDING', value: 'autumn_launch:en_US' },
		]);
		expect(templateSearchResults(t.allTemplates, 'promo es').map((r) => r.value)).toEqual([
			'spring_promo_positional:es',
		]);
		expect(templateSearchResults(t.allTemplates, 'MARKETING').map((r) => r.value)).toEqual([
			'club_signup_flow:en_US',
			'spring_promo_positional:en_US',
			'spring_promo_positional:es',
			'studio_tour_video:en',
			'weekend_coupon_offer:en_US',
			'autumn_launch:en_US',
			'mega_sale:en_US',
		]);
	});
});
