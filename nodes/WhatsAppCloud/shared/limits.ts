/**
 * Meta's limits that we check before sending, so a user gets a precise message instead of a
 * generic Graph error after the fact. Sources are named next to each value:
 * - "spec" = Meta's OpenAPI description of the Business Messaging API (v23.0);
 * - "template components docs" = developers.facebook.com/documentation/business-messaging/
 *   whatsapp/templates/components;
 * - "coupon template docs" = the "Coupon code templates" page of the same guide.
 */
export const LIMITS = {
	/** spec: TextMessage.body maxLength 4096. */
	textBody: 4096,
	/** template components docs: a text header is at most 60 characters, parameter included
	 *  (spec: HeaderObject.text maxLength 60). */
	headerText: 60,
	/** template components docs: body text is at most 1024 characters. Meta applies it to a
	 *  body parameter whenever the template has other components (header, footer, buttons). */
	bodyTextWithOtherComponents: 1024,
	/** spec: TextParameter.text maxLength 32768 (body parameter of a body-only template). */
	bodyTextAlone: 32768,
	/** coupon template docs: "Codes are limited to 15 characters." */
	couponCode: 15,
} as const;
