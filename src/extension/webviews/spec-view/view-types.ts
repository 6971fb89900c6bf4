/** The webview panel types of the spec and review views (package.json's onWebviewPanel events name them). */
export const SPEC_VIEW_TYPE = 'omni.specView';
export const REVIEW_VIEW_TYPE = 'omni.reviewView';
