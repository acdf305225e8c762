/**
 * Template resource. To add a template operation (create, delete...): write
 * actions/template/<operation>.ts exporting an OperationDefinition and add it below.
 */
import type { ResourceDefinition } from '../types';
import { createTemplate } from './create.operation';
import { deleteTemplate } from './delete.operation';
import { getTemplate } from './get.operation';
import { listTemplatesOperation } from './list.operation';

export const templateResource: ResourceDefinition = {
	value: 'template',
	name: 'Template',
	defaultOperation: 'list',
	operations: [listTemplatesOperation, getTemplate, createTemplate, deleteTemplate],
};
