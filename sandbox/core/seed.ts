/**
 * The account the sandbox pretends to be: one business phone number, its WhatsApp Business
 * Account (WABA), the Meta app, demo users and media present from the start. Every value is our
 * own; the shapes (15-digit phone number ID, 16-digit WABA ID, ...) are Meta's.
 */

export const SEED = {
	/** 15 digits, like Meta's phone number IDs. Goes into the credential's Phone Number ID. */
	phoneNumberId: '731596248005317',
	/** 16 digits, like Meta's WABA IDs. Goes into the credential's WhatsApp Business Account ID. */
	wabaId: '1048276395501842',
	/** What GET /{phone-number-id} answers as display_phone_number (Meta formats it this way). */
	displayPhoneNumber: '+1 555-014-2277',
	/** The same number as webhooks carry it in metadata.display_phone_number (digits only). */
	displayPhoneDigits: '15550142277',
	verifiedName: 'Sandbox Bike Repair',
	appId: '4820193756021148',
	appName: 'n8n WhatsApp Sandbox App',
	businessName: 'Sandbox Bike Repair Ltd',
	messageTemplateNamespace: 'c2a9f7e4_51b0_4d6e_9a3f_sandbox00001',
	/** Sandbox demo secrets: printed on the CLI banner so the n8n credential can be filled in. */
	accessToken: 'sandbox-access-token',
	appSecret: 'sandbox-app-secret',
	verifyToken: 'sandbox-verify-token',
	/** Media objects present from the start (GET /{media-id} works, sends by id pass). */
	media: {
		image: '7301945862200011',
		document: '7301945862200012',
		video: '7301945862200013',
		audio: '7301945862200014',
		sticker: '7301945862200015',
	},
	/** Demo users (wa_id digits, as webhooks carry them) and their profile names. */
	users: [
		{ waId: '15550109001', name: 'Ada Byrne' },
		{ waId: '447700900123', name: 'Tomás Okafor' },
		{ waId: '4915112345678', name: 'Mia Krüger' },
		{ waId: '5511987654321', name: 'Joana Silva' },
		{ waId: '919812345678', name: 'Priya Raman' },
	],
} as const;
