/** The shape of one error catalogue entry: what a code means for the person running the workflow. */
export interface GraphErrorDescription {
	title: string;
	fix: string;
	/** A later retry of the same request can succeed (throttling, outages). */
	retryable: boolean;
}

export interface CatalogEntry extends GraphErrorDescription {
	/** The usual HTTP status Meta answers with, when known. */
	httpStatus?: number;
}
