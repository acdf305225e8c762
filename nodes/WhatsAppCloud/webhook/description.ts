/**
 * The trigger's parameters. Internal names are a contract with the demo workflows (examples/) and
 * the e2e tests: rename only with them.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const REGISTRATION_MODES = ['manual', 'subscribeApp', 'phoneNumberOverride'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/** Values of the `events` parameter: one per kind of item the trigger emits. */
export const EVENT_CATEGORIES = [
	'messages',
	'statusSent',
	'statusDelivered',
	'statusRead',
	'statusFailed',
	'statusDeleted',
	'statusOther',
	'errors',
	'otherFields',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** Message types Meta documents for inbound messages; anything else counts as `other`. */
export const KNOWN_MESSAGE_TYPES = [
	'audio',
	'button',
	'contacts',
	'document',
	'image',
	'interactive',
	'location',
	'order',
	'reaction',
	'request_welcome',
	'sticker',
	'system',
	'text',
	'unsupported',
	'video',
] as const;

export const DEFAULT_DEDUP_WINDOW_MINUTES = 1440;
export const DEFAULT_DEDUP_MAX_EVENTS = 2000;
export const MAX_DEDUP_MAX_EVENTS = 50000;

const eventOptions: INodePropertyOptions[] = [
	{
		name: 'Errors',
		value: 'errors',
		description: 'Errors Meta reports in value.errors (not tied to one message)',
	},
	{ name: 'Messages', value: 'messages', description: 'Inbound messages from WhatsApp users' },
	{
		name: 'Other Fields',
		value: 'otherFields',
		description:
			'Every other webhook field: template status and quality updates, account updates, phone number quality, and so on',
	},
	// Meta's status webhook reference (developers.facebook.com/documentation/business-messaging/
	// whatsapp/webhooks/reference/messages/status, May 2026) lists sent, delivered, read, failed and
	// played (voice message); "deleted" comes from older payloads and stays selectable.
	{
		name: 'Status: Deleted',
		value: 'statusDeleted',
		description: "Older payloads only: not in Meta's current status reference",
	},
	{ name: 'Status: Delivered', value: 'statusDelivered' },
	{
		name: 'Status: Failed',
		value: 'statusFailed',
		description: 'Comes with the error and how to fix it',
	},
	{
		name: 'Status: Other',
		value: 'statusOther',
		description: 'Any status not listed here, e.g. played (a voice message was played)',
	},
	{ name: 'Status: Read', value: 'statusRead' },
	{ name: 'Status: Sent', value: 'statusSent' },
];

const messageTypeOptions: INodePropertyOptions[] = [
	{ name: 'Audio', value: 'audio' },
	{ name: 'Contacts', value: 'contacts' },
	{ name: 'Document', value: 'document' },
	{ name: 'Image', value: 'image' },
	{ name: 'Interactive Reply (Button or List)', value: 'interactive' },
	{ name: 'Location', value: 'location' },
	{ name: 'Order', value: 'order' },
	{ name: 'Other or Unknown Type', value: 'other' },
	{ name: 'Reaction', value: 'reaction' },
	{ name: 'Request Welcome', value: 'request_welcome' },
	{ name: 'Sticker', value: 'sticker' },
	{ name: 'System', value: 'system' },
	{ name: 'Template Quick-Reply Button', value: 'button' },
	{ name: 'Text', value: 'text' },
	{ name: 'Unsupported', value: 'unsupported' },
	{ name: 'Video', value: 'video' },
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Meta calls this node's <b>Production URL</b> (see Webhook URLs above; the Test URL only while you listen for a test event). In Meta's App Dashboard, WhatsApp > Configuration, paste it as the Callback URL and paste the <b>Webhook Verify Token</b> of the selected credential as the Verify token, then subscribe to the <b>messages</b> field. The credential needs both its <b>App Secret</b> (it checks every delivery's signature) and its <b>Webhook Verify Token</b>: publishing fails while either is empty.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		default: 'manual',
		description: 'What the node does with Meta when the workflow is published and unpublished',
		options: [
			{
				name: 'Manual',
				value: 'manual',
				description:
					"Nothing is called: paste the URL and verify token into the Meta app's webhook settings yourself",
			},
			{
				name: 'Subscribe App to Business Account',
				value: 'subscribeApp',
				description:
					'Subscribes the Meta app to the WhatsApp Business Account (Graph API: subscribed_apps). Fixes the common case where sending works but inbound messages never arrive.',
			},
			{
				name: "Route This Phone Number's Events Here",
				value: 'phoneNumberOverride',
				description:
					"Sets the phone number's webhook override to this node's URL and verify token, so several workflows (one per phone number) can share one Meta app; removed when the workflow is unpublished",
			},
		],
	},
	{
		displayName:
			"Meta routes only some fields to a phone number override: messages (with statuses and errors), calls and group events. Template and account updates always go to the Meta app's own callback URL. The app must be subscribed to the business account: publishing does that when a WhatsApp Business Account ID is known.",
		name: 'overrideNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['phoneNumberOverride'] } },
	},
	{
		displayName: 'WhatsApp Business Account ID',
		name: 'businessAccountId',
		type: 'string',
		default: '',
		placeholder: "Leave empty to use the credential's",
		description:
			"The WhatsApp Business Account (WABA) to subscribe the app to. Empty: the credential's WhatsApp Business Account ID.",
		displayOptions: { show: { registration: ['subscribeApp', 'phoneNumberOverride'] } },
	},
	{
		displayName: 'Phone Number ID',
		name: 'phoneNumberId',
		type: 'string',
		default: '',
		placeholder: "Leave empty to use the credential's",
		description:
			"The phone number whose events are routed to this workflow (its ID, not the phone number itself). Empty: the credential's Phone Number ID.",
		displayOptions: { show: { registration: ['phoneNumberOverride'] } },
	},
	{
		displayName: 'Unsubscribe on Unpublish',
		name: 'unsubscribeOnDeactivate',
		type: 'boolean',
		default: false,
		description:
			'Whether to remove the app from the business account when the workflow is unpublished. Off by default: the subscription is shared by every workflow and tool that uses this app with this account.',
		displayOptions: { show: { registration: ['subscribeApp'] } },
	},
	{
		displayName: 'Take Over an Existing Override',
		name: 'replaceExistingOverride',
		type: 'boolean',
		default: false,
		description:
			"Whether to replace an override that points somewhere else (another workflow or system) when the workflow is published. Off: publishing stops with an error naming that URL (this trigger's own route under an earlier base URL, e.g. an old tunnel, is always replaced). Listening for a test event never takes an override over, as the route is removed when the test ends.",
		displayOptions: { show: { registration: ['phoneNumberOverride'] } },
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [...EVENT_CATEGORIES],
		description:
			'Which events start the workflow. Each message, status, error or other change becomes its own item.',
		options: eventOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Deduplication Window (Minutes)',
				name: 'dedupWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_DEDUP_WINDOW_MINUTES,
				description:
					'Meta redelivers an event (same message ID, or same message ID and status) for up to 7 days when unsure it arrived. Within this window a redelivered event is dropped. 0 turns deduplication off.',
			},
			{
				displayName: 'Deduplication Memory (Events)',
				name: 'dedupMaxEvents',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_DEDUP_MAX_EVENTS },
				default: DEFAULT_DEDUP_MAX_EVENTS,
				description:
					"How many recent events are remembered (the oldest are forgotten first). It must hold every event of the whole deduplication window, or a redelivery of a forgotten event runs the workflow again. Each message you send brings about 3 status events (sent, delivered, read), plus one event per message received: with the 24-hour window, a number sending 1,000 messages a day needs about 4,000 or more. The default 2,000 is meant for modest volumes. Events are kept hashed in the workflow's static data (about 30 bytes each, saved with every delivery that brings new events), so every n8n process sees them.",
			},
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				default: [],
				description: 'Only messages of these types start the workflow. Empty: all types.',
				options: messageTypeOptions,
			},
			{
				displayName: 'Phone Number IDs',
				name: 'phoneNumberIds',
				type: 'string',
				default: '',
				placeholder: '106540352242922, 106540352242923',
				description:
					'Comma-separated phone number IDs: only their events start the workflow. Empty: all. Events without a phone number (template and account updates) always pass.',
			},
		],
	},
];
