/**
 * Plugs the libraries feature into the account use cases: "download my data"
 * lists the person's memberships, and deleting an account removes them in the
 * same transaction. Importing this module is what registers them, so the server
 * and the CLI import it once at start-up.
 */
import { registerAccountDeletionHook, registerDataExporter } from '../accounts/export';
import { exportMemberships, removeMembershipsOfAccount } from './service';

export const EXPORT_NAME = 'library_memberships';

registerDataExporter(EXPORT_NAME, exportMemberships);
registerAccountDeletionHook('libraries', removeMembershipsOfAccount);
