/**
 * Message keys are typed from the English catalogue: a key that does not exist is
 * a type error, and scripts/check-messages.js fails when any language lacks one.
 */
import type en from '../../../messages/en.json';

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;
/** A message is plain text with `{name}` placeholders, or CLDR plural forms chosen by `count`. */
export type MessageValue = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Catalogue = Record<MessageKey, MessageValue>;
