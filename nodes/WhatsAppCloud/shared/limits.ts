/**
 * Meta's limits that we check before sending, so a user gets a precise message instead of a
 * generic Graph error after the fact. Sources are named next to each value:
 * - "spec" = Meta's OpenAPI description of the Business Messaging API (v23.0);
 * - "template components docs" = developers.facebook.com/documentation/business-messaging/
 *   whatsapp/templates/components;
 * - "coupon template docs" = the "Coupon code templates" page of the same guide.
 * - "media docs" = developers.facebook.com/documentation/business-messaging/whatsapp/
 *   business-phone-numbers/media ("Supported media types");
 * - "list docs", "reply button docs", "CTA URL docs", "contacts docs" = the "Interactive list
 *   messages", "Interactive reply buttons messages", "Interactive CTA URL button messages" and
 *   "Contacts messages" pages of developers.facebook.com/documentation/business-messaging/
 *   whatsapp/messages/;
 * - "template create docs" = the templates guide's "Components" and "Template name" sections
 *   (developers.facebook.com/documentation/business-messaging/whatsapp/templates/).
 * Where Meta's sources disagree, the larger value is kept (a check here must never reject what
 * Meta accepts) and the disagreement is noted next to it.
 * Lengths are counted with charCount (shared/fields.ts): Unicode code points, so an emoji is one
 * character, not the two UTF-16 units of JavaScript's .length. Meta says "characters" without
 * defining them; code points are the usual reading (one emoji, one character) and never exceed
 * the UTF-16 count, so a check refuses less than a .length check would.
 */
export const LIMITS = {
	/** spec: TextMessage.body maxLength 4096. */
	textBody: 4096,
	/** template components docs: a text header is at most 60 characters, parameter included
	 *  (spec: HeaderObject.text maxLength 60). Checked at send time on the header as rendered
	 *  (the template's header text with its variable filled in): Meta refuses a longer one with
	 *  132005 "Template Hydrated Text Too Long". */
	headerText: 60,
	/** template components docs: body text is at most 1024 characters. Meta applies it to a
	 *  body parameter whenever the template has other components (header, footer, buttons).
	 *  Checked per parameter only: Meta documents no limit on the rendered body (the 1024 of the
	 *  components docs is the template's own body text, and a body-only template takes a single
	 *  parameter of up to 32768), so a rendered-body check could refuse what Meta accepts. */
	bodyTextWithOtherComponents: 1024,
	/** spec: TextParameter.text maxLength 32768 (body parameter of a body-only template). */
	bodyTextAlone: 32768,
	/** coupon template docs: "Codes are limited to 15 characters." */
	couponCode: 15,

	/** spec: MediaObject caption maxLength 1024 (image, video, document captions). */
	mediaCaption: 1024,

	/** spec: BodyObject.text maxLength 1024 (reply buttons, CTA URL). */
	interactiveBody: 1024,
	/** list docs: "<MESSAGE_BODY_TEXT> ... Maximum 4096 characters." The spec's shared
	 *  BodyObject.text says 1024 for every interactive type; the list page is the larger, kept. */
	listBody: 4096,
	/** spec: HeaderObject.text maxLength 60. */
	interactiveHeaderText: 60,
	/** spec: FooterObject.text maxLength 60. */
	interactiveFooter: 60,
	/** spec: ActionObject.buttons minItems 1, maxItems 3. */
	replyButtons: 3,
	/** spec: reply.id maxLength 256. */
	replyButtonId: 256,
	/** spec: reply.title maxLength 20 ("Cannot be empty, must be unique"). */
	replyButtonTitle: 20,
	/** spec: ActionObject.button maxLength 20 (the list's menu button). */
	listButton: 20,
	/** spec: ActionObject.sections minItems 1, maxItems 10. */
	listSections: 10,
	/** list docs: "up to 10 rows for all sections combined". */
	listRows: 10,
	/** spec: SectionObject.title maxLength 24 ("Required if the message has more than one section"). */
	listSectionTitle: 24,
	/** spec: rows[].id maxLength 200. */
	listRowId: 200,
	/** spec: rows[].title maxLength 24. */
	listRowTitle: 24,
	/** spec: rows[].description maxLength 72. */
	listRowDescription: 72,
	/** CTA URL docs: display_text is at most 20 characters. */
	ctaDisplayText: 20,

	/** contacts docs (updated May 2026): "Each message can include information for up to 257
	 *  contacts". The spec's ContactsMessage.contacts says maxItems 5; the page is the larger, kept
	 *  (Meta recommends sending fewer). */
	contacts: 257,

	/** template create docs: names use lowercase letters, digits and underscores, at most 512. */
	templateName: 512,
	/** template create docs: a body is at most 1024 characters. */
	templateBody: 1024,
	/** template create docs: a text footer is at most 60 characters. */
	templateFooter: 60,
	/** template create docs: button label text, 25 characters maximum. */
	templateButtonText: 25,
	/** template create docs: URL button url, 2000 characters maximum. */
	templateButtonUrl: 2000,
	/** template create docs: phone number button phone_number, 20 characters maximum. */
	templateButtonPhone: 20,
	/** template create docs: up to 10 buttons in total ... */
	templateButtons: 10,
	/** ... of which at most 2 URL buttons, */
	templateUrlButtons: 2,
	/** ... 1 phone number button ... */
	templatePhoneButtons: 1,
	/** ... and 1 copy code button. */
	templateCopyCodeButtons: 1,
	/** authentication template docs: code_expiration_minutes 1 to 90. */
	authCodeExpirationMinutes: 90,
} as const;

/**
 * media docs, "Supported media types": MIME types and the largest file Meta accepts for each
 * kind of media message. Stickers: 100 KB static, 500 KB animated (we cannot tell them apart
 * before sending, so the larger limit applies). Audio/ogg must be OPUS encoded.
 */
export const MEDIA_TYPES = {
	audio: {
		mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		maxBytes: 16 * 1024 * 1024,
	},
	document: {
		mimeTypes: [
			'text/plain',
			'application/pdf',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		maxBytes: 100 * 1024 * 1024,
	},
	image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 },
	sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
	video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * 1024 * 1024 },
} as const;

export type MediaKind = keyof typeof MEDIA_TYPES;
