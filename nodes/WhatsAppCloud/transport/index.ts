export {
	CREDENTIAL_TYPE,
	DEFAULT_API_VERSION,
	DEFAULT_BASE_URL,
	WhatsAppApiError,
	buildGraphUrl,
	getAccountInfo,
	graphRequest,
	graphRequestAllPages,
	isWhatsAppApiError,
	nextPageRequest,
	normalizeApiVersion,
	normalizeBaseUrl,
	parseRetryAfter,
	redactSecrets,
	toGraphError,
} from './graph';
export type {
	AccountInfo,
	AllPagesOptions,
	GraphContext,
	GraphErrorInfo,
	GraphRequestOptions,
} from './graph';
export { ERROR_CATALOG, catalogedCodes, describeGraphError } from './errorCatalog';
export type { CatalogEntry, GraphErrorDescription } from './errorCatalog';
