/**
 * Template resource. To add a template operation (create, delete...): write
 * actions/template/<operation>.ts exporting an OperationDefinition and add it below.
 */
import type { ResourceDefinition } from '../types';
import { createTemplate } from './create';
import { deleteTemplate } from './delete';
import { getTemplate } from './get';
import { listTemplatesOperation } from './list';

export const templateResource: ResourceDefinition = {
	value: 'template',
	name: 'Template',
	defaultOperation: 'list',
	operations: [listTemplatesOperation, getTemplate, createTemplate, deleteTemplate],
};
