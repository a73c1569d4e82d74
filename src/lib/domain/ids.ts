/**
 * Ids are UUIDv7 strings made by whoever creates the thing (the browser too), so
 * offline creation needs no server round trip and ids sort by creation time.
 */
import { v7 as uuidv7, validate, version } from 'uuid';

export function newId(): string {
	return uuidv7();
}

export function isUuidV7(value: string): boolean {
	return validate(value) && version(value) === 7;
}
