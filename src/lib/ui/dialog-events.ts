/**
 * How a DialogTrigger asks a Dialog to open without sharing state: an event sent
 * to the dialog element found by id, so trigger and dialog can sit anywhere on
 * the page.
 */
export const OPEN_DIALOG_EVENT = 'circles:open-dialog';

export function requestOpen(dialogId: string): boolean {
	const el = document.getElementById(dialogId);
	if (!(el instanceof HTMLDialogElement)) return false;
	el.dispatchEvent(new CustomEvent(OPEN_DIALOG_EVENT));
	return true;
}
