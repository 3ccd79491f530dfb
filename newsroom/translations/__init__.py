"""Translations of content: every translated text field of every translatable
object, exported to a gettext catalogue for translators and imported back; the
interface catalogues' checks; and their admin pages.

The models and fields come from modeltranslation's registry, so this package's
exchange modules import no app's models. One entry per field and language:

- `msgctxt` names the object and field stably: "<app_label>.<model>:<pk>:<field>",
  plus ":<n>" for the n-th segment of a rich-text field;
- `msgid` is the text in the object's original language (the default language for
  models without one), `msgstr` the current translation;
- `#.` comments give the editor's context (model, object, field, admin URL);
- `fuzzy` marks the units whose source changed since their translation (with
  the old source as `#| msgid`, from `TranslatedSource`), and the suggestions of
  the translation memory (`MemoryEntry`, exchanged as TMX).

Rich-text fields are cut into segments, one per block (paragraph, heading, list
item, quotation): translators see inline markup only, and the import rebuilds the
blocks around their text and sanitises the result.

The msgid is the source as it was at export time: an entry whose msgid no longer
matches the object's source was translated from an older text and is refused.
"""
