/**
 * Message templates as the sandbox's WhatsApp Business Account holds them, in the shape of
 * Graph's GET /{waba-id}/message_templates answers.
 */

export type TemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
export type TemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

export interface TemplateButton {
	type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW' | 'OTP' | 'CATALOG' | 'MPM';
	text?: string;
	url?: string;
	phone_number?: string;
	example?: string[] | string;
	flow_id?: string;
	flow_action?: string;
	navigate_screen?: string;
	otp_type?: string;
	[key: string]: unknown;
}

export interface TemplateComponent {
	type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
	format?: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
	text?: string;
	buttons?: TemplateButton[];
	example?: {
		header_text?: string[];
		header_text_named_params?: Array<{ param_name: string; example: string }>;
		header_handle?: string[];
		body_text?: string[][];
		body_text_named_params?: Array<{ param_name: string; example: string }>;
	};
	[key: string]: unknown;
}

/** A template as the sandbox's WABA stores it and Graph answers it (GET /{template-id}). */
export interface StoredTemplate {
	id: string;
	name: string;
	language: string;
	status: TemplateStatus;
	category: TemplateCategory;
	parameter_format: 'POSITIONAL' | 'NAMED';
	components: TemplateComponent[];
	sub_category?: string;
	rejected_reason?: string;
	quality_score?: { score: string };
}
