/**
 * Every feature's API operations, in one list for the OpenAPI document. A new
 * feature adds its `api-spec.ts` export here.
 */
import { accountOperations } from './accounts/api-spec';
import type { ApiOperation } from './http/openapi';
import { librariesApi } from './libraries/api-spec';
import { programsApi } from './programs/api-spec';
import { resourcesApi } from './resources/api-spec';
import { searchApi } from './search/api-spec';

export const apiOperations: ApiOperation[] = [
	...accountOperations,
	...librariesApi,
	...resourcesApi,
	...programsApi,
	...searchApi
];
