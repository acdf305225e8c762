/** Methods n8n calls from the editor: list search, resource mapping, load options. */
import { searchTemplates } from './listSearch';
import { getBodyVariables, getTemplateVariables } from './resourceMapping';

export const listSearch = { searchTemplates };
export const resourceMapping = { getTemplateVariables };
export const loadOptions = { getBodyVariables };
