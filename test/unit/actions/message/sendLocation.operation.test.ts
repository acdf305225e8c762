/**
 * Message > Send Location: Meta's location message, and coordinates refused before sending when
 * they are out of range or were left at their defaults.
 */
import { buildSendLocationRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendLocation.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send Location', () => {
	it("Meta's location shape; numeric text and comma decimals are read", () => {
		expect(
			value(
				buildSendLocationRequest(
					{
						recipient: TO,
						latitude: '52,520008',
						longitude: 13.404954,
						name: 'Workshop',
						address: 'Torstr. 12',
						replyToMessageId: 'wamid.WHERE',
					},
					PHONE_ID,
				),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'location',
			location: {
				latitude: 52.520008,
				longitude: 13.404954,
				name: 'Workshop',
				address: 'Torstr. 12',
			},
			context: { message_id: 'wamid.WHERE' },
		});
	});

	it('out-of-range or missing coordinates are refused', () => {
		expect(
			problem(buildSendLocationRequest({ recipient: TO, latitude: 91, longitude: 0 }, PHONE_ID)),
		).toMatchObject({
			message: 'Latitude 91 is out of range',
			field: 'latitude',
		});
		expect(
			problem(
				buildSendLocationRequest({ recipient: TO, latitude: 10, longitude: -180.5 }, PHONE_ID),
			).description,
		).toContain('swapped');
		expect(
			problem(
				buildSendLocationRequest({ recipient: TO, latitude: 'north', longitude: 1 }, PHONE_ID),
			).message,
		).toBe('Latitude "north" is not a number');
		expect(
			problem(buildSendLocationRequest({ recipient: TO, latitude: 1, longitude: '' }, PHONE_ID))
				.message,
		).toBe('Longitude is empty');
	});

	it("latitude and longitude both exactly 0 (the fields' defaults, left unfilled) are refused, naming both fields and the fix", () => {
		for (const [latitude, longitude] of [
			[0, 0],
			['0', '0.0'],
			[-0, 0],
		]) {
			const refused = problem(
				buildSendLocationRequest({ recipient: TO, latitude, longitude }, PHONE_ID),
			);
			expect(refused.message).toBe('Latitude and Longitude are both 0');
			expect(refused.field).toBe('latitude');
			expect(refused.description).toContain('Set Latitude and Longitude');
			expect(refused.description).toMatch(/decimal degrees/);
		}
	});

	it('one coordinate at 0 is a real place (equator, prime meridian) and is sent', () => {
		expect(
			value(buildSendLocationRequest({ recipient: TO, latitude: 0, longitude: 32.58 }, PHONE_ID))
				.body?.location,
		).toEqual({ latitude: 0, longitude: 32.58 });
		expect(
			value(buildSendLocationRequest({ recipient: TO, latitude: 51.4779, longitude: 0 }, PHONE_ID))
				.body?.location,
		).toEqual({ latitude: 51.4779, longitude: 0 });
	});
});
