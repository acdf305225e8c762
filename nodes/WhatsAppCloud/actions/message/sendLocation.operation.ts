/**
 * Message > Send Location: a map pin (Meta: type "location": latitude, longitude, optional name
 * and address). Coordinates are checked to be on Earth, and not both left at their default 0,
 * before sending.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalText, textOf } from '../../shared/fields';
import { fail, ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOptionsProperty,
	messageOutput,
	messageRequest,
	readRecipient,
	readReplyTo,
	recipientProperty,
} from './common';

export interface SendLocationInput {
	recipient: unknown;
	latitude: unknown;
	longitude: unknown;
	name?: unknown;
	address?: unknown;
	replyToMessageId?: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
		placeholder: 'e.g. 52.520008',
		description: 'Latitude in decimal degrees, -90 to 90 (north is positive)',
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
		placeholder: 'e.g. 13.404954',
		description: 'Longitude in decimal degrees, -180 to 180 (east is positive)',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Spoke & Chain Workshop',
		description: 'Optional name of the place, shown above the address',
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: 'e.g. Torstraße 12, 10119 Berlin',
		description: 'Optional street address, shown under the name',
	},
	messageOptionsProperty(),
];

/** A coordinate from a number or numeric text (expressions often give text). */
export function readCoordinate(
	value: unknown,
	label: string,
	field: string,
	limit: number,
): Result<number> {
	const text = textOf(value)?.trim() ?? '';
	const number =
		typeof value === 'number' ? value : text === '' ? Number.NaN : Number(text.replace(',', '.'));
	if (!Number.isFinite(number)) {
		return fail(
			`${label} ${text === '' ? 'is empty' : `"${text}" is not a number`}`,
			`Give ${label.toLowerCase()} in decimal degrees, e.g. ${label === 'Latitude' ? '52.520008' : '13.404954'} (not degrees/minutes/seconds).`,
			field,
		);
	}
	if (Math.abs(number) > limit) {
		return fail(
			`${label} ${number} is out of range`,
			`${label} must be between -${limit} and ${limit}. Were latitude and longitude swapped?`,
			field,
		);
	}
	return ok(number);
}

/**
 * Both fields are required numbers whose default is 0, so a pin at exactly 0,0 (open sea off West
 * Africa) almost always means neither was filled, or both expressions resolved to nothing. It
 * would be sent without complaint and the recipient would get a useless pin, so it is refused.
 * One coordinate at 0 is a real place (the equator or the prime meridian) and passes.
 */
export function unfilledCoordinates(latitude: number, longitude: number): Result<true> {
	if (latitude === 0 && longitude === 0) {
		return fail(
			'Latitude and Longitude are both 0',
			"0,0 is the default of both fields, so nothing was filled in (or both expressions gave 0). Set Latitude and Longitude to the place's coordinates in decimal degrees, e.g. 52.520008 and 13.404954.",
			'latitude',
		);
	}
	return ok(true);
}

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with a location. */
export function buildSendLocationRequest(
	input: SendLocationInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const latitude = readCoordinate(input.latitude, 'Latitude', 'latitude', 90);
	if (!latitude.ok) return latitude;
	const longitude = readCoordinate(input.longitude, 'Longitude', 'longitude', 180);
	if (!longitude.ok) return longitude;
	const unfilled = unfilledCoordinates(latitude.value, longitude.value);
	if (!unfilled.ok) return unfilled;
	const name = optionalText(input.name, { label: 'Name', field: 'name' });
	const address = optionalText(input.address, { label: 'Address', field: 'address' });
	const location: IDataObject = { latitude: latitude.value, longitude: longitude.value };
	if (name.ok && name.value !== undefined) location.name = name.value;
	if (address.ok && address.value !== undefined) location.address = address.value;
	const body: IDataObject = {
		...messageEnvelope(recipient.value, 'location', replyTo.value),
		location,
	};
	return ok(messageRequest(phoneNumberId, body));
}

export const sendLocation = defineOperation<SendLocationInput>({
	value: 'sendLocation',
	name: 'Send Location',
	action: 'Send a location',
	description:
		'Send a map location (latitude, longitude, optional name and address) to a WhatsApp user who wrote in the last 24 hours',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendLocationInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			recipient: this.getNodeParameter('recipient', itemIndex),
			latitude: this.getNodeParameter('latitude', itemIndex),
			longitude: this.getNodeParameter('longitude', itemIndex),
			name: this.getNodeParameter('name', itemIndex, ''),
			address: this.getNodeParameter('address', itemIndex, ''),
			replyToMessageId: options.replyToMessageId,
		};
	},
	buildRequest: (input, env) => buildSendLocationRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendLocation'),
});
